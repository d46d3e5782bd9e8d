package io.millrace.model.execution;

/** One try of a runnable task run: its own state history and the worker that ran it. */
public record TaskRunAttempt(State<TaskRunStatus> state, String workerId) {

    /** This attempt moved to {@code next} (checked against the task-run table). */
    public TaskRunAttempt to(TaskRunStatus next, java.time.Instant at) {
        TaskRunTransitions.TABLE.check(state.current(), next);
        return new TaskRunAttempt(state.to(next, at), workerId);
    }

    public TaskRunAttempt withWorkerId(String id) {
        return new TaskRunAttempt(state, id);
    }
}
