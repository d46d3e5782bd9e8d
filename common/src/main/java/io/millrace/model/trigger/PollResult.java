package io.millrace.model.trigger;

import java.util.List;
import java.util.Map;

/**
 * What one evaluation of a {@link PollingTrigger} found: the executions to start, one map of {@code trigger.*}
 * variables each, and what the evaluation still holds. The worker calls {@link #acknowledge()} only once its
 * answer is stored on Kafka (a Kafka trigger commits its consumer group's offsets then, so records are read
 * again when the answer is lost), and {@link #close()} in every case.
 */
public final class PollResult implements AutoCloseable {

    /** Work done once the answer is stored. */
    @FunctionalInterface
    public interface Acknowledgement {
        void run() throws Exception;
    }

    private final List<Map<String, Object>> fires;
    private final Acknowledgement acknowledgement;
    private final AutoCloseable resources;

    private PollResult(List<Map<String, Object>> fires, Acknowledgement acknowledgement, AutoCloseable resources) {
        this.fires = List.copyOf(fires);
        this.acknowledgement = acknowledgement;
        this.resources = resources;
    }

    /** Nothing to start. */
    public static PollResult none() {
        return new PollResult(List.of(), () -> { }, () -> { });
    }

    /** These executions to start, with nothing to do once the answer is stored. */
    public static PollResult of(List<Map<String, Object>> fires) {
        return new PollResult(fires, () -> { }, () -> { });
    }

    /** These executions to start; {@code acknowledgement} runs once the answer is stored, {@code resources} close after. */
    public static PollResult of(List<Map<String, Object>> fires, Acknowledgement acknowledgement,
                                AutoCloseable resources) {
        return new PollResult(fires, acknowledgement, resources);
    }

    /** The {@code trigger.*} variables of each execution to start. */
    public List<Map<String, Object>> fires() {
        return fires;
    }

    /** Confirms what was read (the answer is stored): a Kafka trigger commits its offsets. */
    public void acknowledge() throws Exception {
        acknowledgement.run();
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
