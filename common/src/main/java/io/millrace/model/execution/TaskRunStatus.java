package io.millrace.model.execution;

/** The state of one task run (or of one attempt of it); legal changes are in {@link TaskRunTransitions}. */
public enum TaskRunStatus {
    CREATED,
    RUNNING,
    PAUSED,
    RETRYING,
    RESTARTED,
    SUCCESS,
    WARNING,
    FAILED,
    KILLED,
    SKIPPED,
    /** Marks an attempt abandoned because its worker died; the task run went on with a new attempt. */
    RESUBMITTED;

    /** Whether the task run has ended. */
    public boolean isTerminal() {
        return switch (this) {
            case SUCCESS, WARNING, FAILED, KILLED, SKIPPED, RESUBMITTED -> true;
            default -> false;
        };
    }

    /** Whether this end stops a sequence: the following tasks do not run and {@code errors} do. */
    public boolean isFailure() {
        return this == FAILED || this == KILLED;
    }

    /** Whether this end lets the following tasks run. */
    public boolean isSuccessLike() {
        return this == SUCCESS || this == WARNING || this == SKIPPED;
    }
}
