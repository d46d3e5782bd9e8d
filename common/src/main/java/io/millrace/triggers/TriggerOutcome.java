package io.millrace.triggers;

import io.millrace.model.command.CreateExecution;

/** What one Flow trigger makes of one ended execution. */
public sealed interface TriggerOutcome permits TriggerOutcome.Start, TriggerOutcome.Skipped, WindowMatch {

    /** The trigger's conditions hold: start this execution. */
    record Start(CreateExecution command) implements TriggerOutcome {
    }

    /**
     * The trigger's conditions may hold but it cannot start anything (inputs that do not render,
     * a condition it cannot evaluate): reported, never retried.
     */
    record Skipped(String namespace, String flowId, String triggerId, String executionId, String reason)
        implements TriggerOutcome {

        /** One line for logs and dead letters. */
        public String message() {
            return "trigger " + triggerId + " of flow " + namespace + "/" + flowId + " skipped for execution "
                + executionId + ": " + reason;
        }
    }
}
