package io.millrace.model.execution;

/** The state of an execution as a whole; legal changes are listed in {@link ExecutionTransitions}. */
public enum ExecutionStatus {
    CREATED,
    QUEUED,
    RUNNING,
    PAUSED,
    RESTARTED,
    KILLING,
    SUCCESS,
    WARNING,
    FAILED,
    KILLED,
    CANCELLED,
    RETRIED;

    /** Whether the execution has ended: nothing more runs unless a user restarts or replays it. */
    public boolean isTerminal() {
        return switch (this) {
            case SUCCESS, WARNING, FAILED, KILLED, CANCELLED, RETRIED -> true;
            default -> false;
        };
    }

    /** Whether this end counts as a failure for retries, restarts and flow triggers. */
    public boolean isFailure() {
        return this == FAILED || this == KILLED;
    }
}
