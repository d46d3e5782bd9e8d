package io.millrace.model.execution;

import static io.millrace.model.execution.ExecutionStatus.*;

/** The one place that says how an execution's state may change. */
public final class ExecutionTransitions {

    /** The table; every change of an execution header's state is checked against it. */
    public static final TransitionTable<ExecutionStatus> TABLE = TransitionTable
        .builder("execution", ExecutionStatus.class)
        .add(CREATED, RUNNING, "started")
        .add(CREATED, QUEUED, "concurrency limit reached (QUEUE)")
        .add(CREATED, CANCELLED, "concurrency limit reached (CANCEL)")
        .add(CREATED, FAILED, "cannot start: bad inputs, limit reached (FAIL), or aborted")
        .add(CREATED, KILLED, "killed before it started")
        .add(QUEUED, RUNNING, "a concurrency slot freed")
        .add(QUEUED, KILLED, "killed while queued")
        .add(QUEUED, FAILED, "aborted: flow revision unknown, records too large, or a bug")
        .add(RUNNING, PAUSED, "a Pause task paused")
        .add(RUNNING, KILLING, "kill requested")
        .add(RUNNING, SUCCESS, "all tasks succeeded")
        .add(RUNNING, WARNING, "ended with warnings")
        .add(RUNNING, FAILED, "a task failed, or aborted")
        .add(RUNNING, RETRIED, "failed, retried as a new execution")
        .add(RUNNING, KILLED, "a task ended KILLED on its own (a pause with behavior CANCEL)")
        .add(PAUSED, RUNNING, "every pause ended")
        .add(PAUSED, RESTARTED, "resumed by a user")
        .add(PAUSED, KILLING, "kill requested")
        .add(PAUSED, FAILED, "aborted while paused")
        .add(RESTARTED, RUNNING, "restarted tasks run")
        .add(KILLING, KILLED, "every task stopped")
        .add(KILLING, FAILED, "aborted while being killed")
        .add(FAILED, RESTARTED, "restart or replay")
        .add(KILLED, RESTARTED, "restart or replay")
        .add(SUCCESS, RESTARTED, "replay")
        .add(WARNING, RESTARTED, "replay")
        .build();

    private ExecutionTransitions() {
    }
}
