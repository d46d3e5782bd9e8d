package io.millrace.model.execution;

import static io.millrace.model.execution.TaskRunStatus.*;

/** The one place that says how a task run's state may change. */
public final class TaskRunTransitions {

    /** The table; every change of a task run's state is checked against it. */
    public static final TransitionTable<TaskRunStatus> TABLE = TransitionTable
        .builder("task run", TaskRunStatus.class)
        .add(CREATED, RUNNING, "sent to a worker, or flowable started")
        .add(CREATED, SKIPPED, "runIf is false")
        .add(CREATED, FAILED, "cannot start: runIf or properties do not render, or execution aborted")
        .add(RUNNING, SUCCESS, "succeeded")
        .add(RUNNING, WARNING, "succeeded with warnings, or failure allowed")
        .add(RUNNING, FAILED, "failed, or execution aborted")
        .add(RUNNING, KILLED, "killed")
        .add(RUNNING, PAUSED, "Pause task paused")
        .add(RUNNING, RETRYING, "attempt failed, next attempt scheduled")
        .add(RUNNING, RESUBMITTED, "an attempt whose worker stopped before it ended (a new attempt runs)")
        .add(RETRYING, RUNNING, "next attempt started")
        .add(RETRYING, KILLED, "killed or execution aborted while waiting to retry")
        .add(PAUSED, RUNNING, "resumed, or delay elapsed")
        .add(PAUSED, FAILED, "pause timed out, or execution aborted")
        .add(PAUSED, WARNING, "pause timed out (behavior WARN)")
        .add(PAUSED, KILLED, "killed while paused")
        .add(FAILED, RESTARTED, "restart or replay of a failed task")
        .add(KILLED, RESTARTED, "restart of a killed task")
        .add(SUCCESS, RESTARTED, "replay from this task")
        .add(WARNING, RESTARTED, "replay from this task")
        .add(RESTARTED, RUNNING, "restarted attempt started")
        .add(FAILED, RUNNING, "restart reopens a flowable parent")
        .add(KILLED, RUNNING, "restart reopens a flowable parent")
        .add(SUCCESS, RUNNING, "replay reopens a flowable parent")
        .add(WARNING, RUNNING, "replay reopens a flowable parent")
        .build();

    private TaskRunTransitions() {
    }
}
