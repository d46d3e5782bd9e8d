package io.millrace.kafka.streams;

import io.millrace.shutdown.ShutdownProgress;
import io.millrace.shutdown.ShutdownSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One Kafka Streams application (the executor, the flow triggers) tied to the Spring lifecycle.
 * A stream thread that dies of an unexpected error is replaced, so one bad moment does not stop
 * the service; records that cannot be handled never get that far (they are dead-lettered). Closing takes
 * at most its close timeout, a share of the process's grace period.
 */
public final class ManagedStreams implements SmartLifecycle, ShutdownProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedStreams.class);

    private final String name;
    private final Supplier<Topology> topology;
    private final Properties properties;
    private final Duration closeTimeout;
    private volatile KafkaStreams streams;
    private volatile boolean closing;

    /** An application that closes within the default grace period's share ({@link ShutdownSettings#streamsCloseTimeout}). */
    public ManagedStreams(String name, Supplier<Topology> topology, Properties properties) {
        this(name, topology, properties, ShutdownSettings.DEFAULTS.streamsCloseTimeout());
    }

    /** An application that waits up to {@code closeTimeout} for its threads when it stops. */
    public ManagedStreams(String name, Supplier<Topology> topology, Properties properties, Duration closeTimeout) {
        this.name = name;
        this.topology = topology;
        this.properties = properties;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public void start() {
        KafkaStreams s = new KafkaStreams(topology.get(), properties);
        s.setUncaughtExceptionHandler(e -> {
            LOG.error("a {} stream thread failed; replacing it", name, e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        s.start();
        streams = s;
    }

    @Override
    public void stop() {
        KafkaStreams s = streams;
        if (s != null) {
            // A static member (group.instance.id set) is removed from the group by the close, so the
            // remaining instances take its partitions over at once. A dynamic member stays in the
            // group until its session times out (Kafka Streams never sends LeaveGroup on close):
            // Millrace's stream default of session.timeout.ms bounds that wait.
            boolean staticMember = properties.keySet().stream().anyMatch(k -> k.toString().endsWith("group.instance.id"));
            closing = true;
            try {
                if (!s.close(new KafkaStreams.CloseOptions().timeout(closeTimeout).leaveGroup(staticMember))) {
                    LOG.warn("the {} stream did not close within {}; its threads are left to end", name, closeTimeout);
                }
            } finally {
                closing = false;
                streams = null;
            }
        }
    }

    /** While it closes: that its Kafka Streams application is still closing. */
    @Override
    public Optional<String> unfinished() {
        return closing ? Optional.of("Kafka Streams application " + properties.getProperty("application.id", name)
            + " closing") : Optional.empty();
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    public String name() {
        return name;
    }

    /** The input partitions this instance processes as active tasks now ("topic-partition"). */
    public Set<String> activePartitions() {
        KafkaStreams s = streams;
        Set<String> partitions = new TreeSet<>();
        if (s != null) {
            s.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                task.topicPartitions().forEach(tp -> partitions.add(tp.topic() + "-" + tp.partition()))));
        }
        return partitions;
    }

    /** The Kafka Streams state (for health checks), or null when stopped. */
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? null : s.state();
    }

    /**
     * Waits until the application runs and owns partitions (its stores restored), or throws after
     * {@code timeout}.
     */
    public void awaitRunning(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state() == null || state() != KafkaStreams.State.RUNNING || activePartitions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + name + " stream did not start within " + timeout
                    + " (state " + state() + ")");
            }
            Thread.sleep(50);
        }
    }
}
