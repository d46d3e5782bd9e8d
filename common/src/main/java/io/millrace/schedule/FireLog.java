package io.millrace.schedule;

import io.millrace.kafka.KafkaClients;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What schedulers sent, read as the executor reads it (read committed, from the beginning): every
 * {@code CreateExecution} with a scheduled date on {@code execution_commands}, and — when asked for — the
 * trigger states on {@code triggers}, to tell when a scheduler holds every trigger. The scheduler benchmark
 * and the scheduler fault tests measure with it.
 */
public final class FireLog implements AutoCloseable {

    /**
     * One fire: the execution a schedule asked for at {@code date}.
     *
     * @param flowId      the flow it starts
     * @param executionId the id derived from (flow, trigger, date): a fire repeated carries the same one
     * @param date        its scheduled date (the trigger variable {@code date})
     * @param sentAt      the record's timestamp: when the scheduler's tick sent it
     * @param readAt      when this reader got it, after the scheduler's transaction committed
     */
    public record Fire(String flowId, String executionId, Instant date, Instant sentAt, Instant readAt) {

        /** How late the fire was sent after its date. */
        public Duration lateness() {
            return Duration.between(date, sentAt);
        }
    }

    private static final VersionedJsonSerde<ExecutionCommand> COMMANDS = VersionedJsonSerde.of(Topic.EXECUTION_COMMANDS);

    private final KafkaClients kafka;
    private final String clientId;
    private final int triggers;
    private final Thread reader;
    private final List<Fire> fires = new ArrayList<>();
    private final CompletableFuture<Instant> loaded = new CompletableFuture<>();
    private final Object progress = new Object();
    private volatile boolean closed;
    private volatile RuntimeException failure;
    /** When the reader last found itself at the end of every partition. */
    private Instant caughtUpAt = Instant.EPOCH;

    /**
     * Starts reading from the beginning of the topics.
     *
     * @param triggers how many trigger states mean a scheduler holds every trigger ({@link #awaitLoaded}),
     *                 or 0 not to read the trigger states
     */
    public FireLog(KafkaClients kafka, String clientId, int triggers) {
        this.kafka = kafka;
        this.clientId = clientId;
        this.triggers = triggers;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        reader = Thread.ofPlatform().name(clientId).daemon().start(() -> read(ready));
        ready.join();
    }

    /** Every fire read so far, in the order read. */
    public List<Fire> fires() {
        check();
        synchronized (fires) {
            return List.copyOf(fires);
        }
    }

    /**
     * When a scheduler held every trigger (the latest timestamp of the triggers' first states: when it
     * processed the last flow), waiting for it up to {@code timeout}.
     */
    public Instant awaitLoaded(Duration timeout) throws InterruptedException {
        try {
            return loaded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the scheduler did not hold all " + triggers + " triggers within "
                + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the reader of the scheduler's topics failed: " + e.getCause().getMessage(),
                e.getCause());
        }
    }

    /** Waits until the reader has read everything committed on {@code execution_commands} up to now. */
    public void awaitCaughtUp(Duration timeout) {
        Instant asked = Instant.now();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!caughtUpAt.isAfter(asked)) {
                check();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the fires were not all read within " + timeout.toSeconds() + " s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the fires to be read", e);
                }
            }
        }
    }

    private void check() {
        RuntimeException e = failure;
        if (e != null) {
            throw new IllegalStateException("the reader of the scheduler's topics failed: " + e.getMessage(), e);
        }
    }

    private void read(CompletableFuture<Void> ready) {
        Map<String, Object> props = kafka.consumer(null, clientId);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        String commandsTopic = kafka.topic(Topic.EXECUTION_COMMANDS);
        Set<String> held = new HashSet<>();
        long latestNew = 0; // partitions are read in no particular order: the last state is the latest one
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> commandPartitions = partitions(consumer, Topic.EXECUTION_COMMANDS);
            List<TopicPartition> partitions = new ArrayList<>(commandPartitions);
            if (triggers > 0) {
                partitions.addAll(partitions(consumer, Topic.TRIGGERS));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            ready.complete(null);
            while (!closed) {
                Instant polled = Instant.now();
                var records = consumer.poll(Duration.ofMillis(50));
                Instant now = Instant.now();
                List<Fire> read = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.topic().equals(commandsTopic)) {
                        if (r.value() != null && COMMANDS.deserialize(r.topic(), r.value()) instanceof CreateExecution c
                            && c.trigger() != null && c.trigger().variables().get("date") instanceof String date) {
                            read.add(new Fire(c.flowId(), c.executionId(), OffsetDateTime.parse(date).toInstant(),
                                Instant.ofEpochMilli(r.timestamp()), now));
                        }
                    } else if (r.value() == null) {
                        held.remove(r.key());
                    } else if (held.add(r.key())) {
                        latestNew = Math.max(latestNew, r.timestamp());
                        if (held.size() == triggers) {
                            loaded.complete(Instant.ofEpochMilli(latestNew));
                        }
                    }
                }
                synchronized (fires) {
                    fires.addAll(read);
                }
                if (records.isEmpty()) {
                    // read_committed: the end offsets are the last stable offsets, what this reader can reach
                    Map<TopicPartition, Long> ends = consumer.endOffsets(commandPartitions);
                    if (commandPartitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                        synchronized (progress) {
                            caughtUpAt = polled;
                            progress.notifyAll();
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            ready.completeExceptionally(e);
            loaded.completeExceptionally(e);
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Topic topic) {
        String name = kafka.topic(topic);
        return consumer.partitionsFor(name).stream().map(p -> new TopicPartition(name, p.partition())).toList();
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
