package io.millrace.scheduler.schedule;

import io.millrace.model.command.CreateExecution;
import io.millrace.model.trigger.TriggerEvaluation;

import java.util.List;

/**
 * What the scheduler decided for one trigger: its next state (null: forget the trigger), the executions to
 * start and the polling evaluations to send — written together, in one transaction.
 */
public record TriggerOutcome(HeldTrigger next, List<CreateExecution> starts, List<TriggerEvaluation> evaluations) {

    /** Nothing to send; the trigger becomes {@code next}. */
    public static TriggerOutcome becomes(HeldTrigger next) {
        return new TriggerOutcome(next, List.of(), List.of());
    }

    /** Whether the state changed or something is to be sent, compared with {@code before}. */
    public boolean changes(HeldTrigger before) {
        return !starts.isEmpty() || !evaluations.isEmpty() || next == null || !next.equals(before);
    }
}
