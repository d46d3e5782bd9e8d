package io.millrace.triggers;

import io.millrace.model.command.CreateExecution;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An ended execution that passed a trigger's simple conditions and matched some named conditions of
 * its MultipleConditions: the message sent, keyed by {@link #key()}, to the window of that trigger.
 * It carries everything the window needs, so the window does not look the flow up again.
 *
 * @param endedAt     when the execution ended: the instant that places it in a window (so a replay
 *                    lands in the same window)
 * @param conditions  every MultipleCondition of the trigger, with the names this execution matched
 * @param start       the execution to start if this match completes the windows (its id is refined
 *                    with the window starts), or null when its inputs could not be rendered
 * @param inputsError why {@code start} is null
 */
public record WindowMatch(String namespace, String flowId, String triggerId, String executionId, Instant endedAt,
                          List<ConditionProgress> conditions, CreateExecution start, String inputsError)
    implements TriggerOutcome {

    public WindowMatch {
        conditions = List.copyOf(conditions);
    }

    /** One MultipleCondition: its window, all its names, and those the ending execution matched. */
    public record ConditionProgress(String id, Duration window, Duration windowAdvance, List<String> names,
                                    List<String> matched) {

        public ConditionProgress {
            names = List.copyOf(names);
            matched = List.copyOf(matched);
        }
    }

    /** {@code namespace/flowId/triggerId}: the window state this match updates. */
    public String key() {
        return Listener.key(namespace, flowId, triggerId);
    }
}
