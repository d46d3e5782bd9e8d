package io.millrace.executor.orchestrator;

import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;

/**
 * An attempt's worker was declared dead. If the attempt is still the task run's current one and has
 * not ended, it is lost: it runs again as a new attempt, or fails when the task must never run twice
 * ({@code onWorkerLoss: FAIL}). An attempt that ended or was superseded meanwhile is left alone, so a
 * verdict that arrives twice, or late, changes nothing.
 */
final class WorkerLostHandler {

    void handle(Event.WorkerLost lost, ExecutionStep step) {
        TaskRun run = step.state().taskRun(lost.taskRunId());
        if (run == null || run.status() != TaskRunStatus.RUNNING || run.attemptNumber() != lost.attempt()
            || run.lastAttempt() == null || run.lastAttempt().state().current() != TaskRunStatus.RUNNING) {
            return;
        }
        WorkerResultHandler.lose(step, run, lost.worker().workerId(),
            lost.worker().describe() + " was declared dead: " + lost.worker().reason());
    }
}
