package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.kafka.KafkaClients;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Properties;

/**
 * Runs the executor's Kafka Streams application with the application's lifecycle. A stream thread
 * that dies of an unexpected error is replaced (the error is logged), so one bad moment does not
 * stop the executor; records that cannot be handled never reach that point (they are dead-lettered).
 */
public final class ExecutorStreams implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorStreams.class);

    private final KafkaClients kafka;
    private final Orchestrator orchestrator;
    private final FlowCache flows;
    private final ExecutorSettings settings;
    private volatile KafkaStreams streams;

    public ExecutorStreams(KafkaClients kafka, Orchestrator orchestrator, FlowCache flows, ExecutorSettings settings) {
        this.kafka = kafka;
        this.orchestrator = orchestrator;
        this.flows = flows;
        this.settings = settings;
    }

    @Override
    public void start() {
        Properties props = new Properties();
        props.putAll(kafka.streams("executor"));
        props.put("num.stream.threads", String.valueOf(settings.streamThreads()));
        KafkaStreams s = new KafkaStreams(ExecutorTopology.build(kafka, orchestrator, flows, settings), props);
        s.setUncaughtExceptionHandler(e -> {
            LOG.error("an executor stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                .REPLACE_THREAD;
        });
        s.start();
        streams = s;
    }

    @Override
    public void stop() {
        KafkaStreams s = streams;
        if (s != null) {
            s.close(Duration.ofSeconds(30));
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The Kafka Streams state (for health checks), or null when stopped. */
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? null : s.state();
    }
}
