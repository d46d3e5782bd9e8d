package io.millrace.tasks;

import java.util.Map;

/**
 * What a runnable task returns: its outputs (JSON-like values, available as
 * {@code outputs.<taskId>.<name>}) and whether it ended with warnings.
 */
public record TaskOutcome(Map<String, Object> outputs, boolean warning) {

    public TaskOutcome {
        outputs = outputs == null ? Map.of() : outputs;
    }

    /** Success with these outputs. */
    public static TaskOutcome of(Map<String, Object> outputs) {
        return new TaskOutcome(outputs, false);
    }

    /** Success without outputs. */
    public static TaskOutcome none() {
        return new TaskOutcome(Map.of(), false);
    }

    /** The same outputs, ending in WARNING. */
    public TaskOutcome asWarning() {
        return new TaskOutcome(outputs, true);
    }
}
