package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.WorkerLoss;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.retry.Retry;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.tasks.Task;

import java.time.Instant;

/**
 * Folds a worker's result into its task run: the attempt ends, outputs are kept, and a failure is
 * retried (RETRYING until the backoff timer) when the task's policy allows, else the run ends.
 * A result for an attempt that is not the current one (superseded by a timeout, a kill or a
 * resubmission) is ignored, so each attempt counts once. RESUBMITTED means the worker gave the
 * attempt up (it was stopping): the attempt is lost, as when its worker dies ({@link #lose}).
 */
final class WorkerResultHandler {

    void handle(WorkerTaskResult result, ExecutionStep step) {
        TaskRun run = step.state().taskRun(result.taskRunId());
        if (run == null || run.status() != TaskRunStatus.RUNNING || run.attemptNumber() != result.attempt()
            || run.lastAttempt() == null || run.lastAttempt().state().current() != TaskRunStatus.RUNNING) {
            return;
        }
        if (result.status() == TaskRunStatus.RESUBMITTED) {
            String worker = result.workerId() == null ? "its worker" : "worker " + result.workerId();
            lose(step, run, result.workerId(), worker + " gave it up" + (result.error() == null ? "" : " (" + result.error() + ")"));
            return;
        }
        complete(step, run, result.status(), result.error(), result);
    }

    /**
     * The current attempt of {@code run} is lost with its worker ({@code why} says how): it ends RESUBMITTED and
     * a new attempt is sent, unless the execution is being killed (the run ends KILLED) or the task must never
     * run twice (the run ends FAILED, without retry, naming the worker).
     */
    static void lose(ExecutionStep step, TaskRun run, String workerId, String why) {
        Task task = step.task(run);
        int n = run.attemptNumber();
        TaskRunAttempt attempt = run.lastAttempt();
        if (workerId != null) {
            attempt = attempt.withWorkerId(workerId);
        }
        if (step.killing()) {
            step.end(run.withLastAttempt(attempt.to(TaskRunStatus.KILLED, step.now())), TaskRunStatus.KILLED, "killed");
        } else if (task.onWorkerLoss() == WorkerLoss.FAIL) {
            String error = "attempt " + n + " was lost: " + why + "; it is not run again (onWorkerLoss: FAIL)";
            TaskRun failed = run.withLastAttempt(attempt.to(TaskRunStatus.FAILED, step.now()));
            step.log(failed, LogLevel.ERROR, error);
            step.end(failed, TaskRunStatus.FAILED, error);
        } else {
            TaskRun resubmitted = run.withLastAttempt(attempt.to(TaskRunStatus.RESUBMITTED, step.now()));
            step.log(resubmitted, LogLevel.WARN, "attempt " + n + " was lost: " + why + "; running it again as attempt "
                + (n + 1));
            step.dispatchAgain(resubmitted, task);
        }
    }

    /** Ends the current attempt of {@code run} in {@code status}; shared with the task-timeout timer. */
    static void complete(ExecutionStep step, TaskRun run, TaskRunStatus status, String error, WorkerTaskResult result) {
        Instant now = step.now();
        TaskRunAttempt attempt = run.lastAttempt().to(status, now);
        if (result != null && result.workerId() != null) {
            attempt = attempt.withWorkerId(result.workerId());
        }
        TaskRun updated = run.withLastAttempt(attempt);
        if (result != null && result.outputs() != null) {
            updated = updated.withOutputs(result.outputs());
        }
        Task task = step.task(updated);
        switch (status) {
            case SUCCESS -> {
                boolean retried = updated.attemptNumber() > 1;
                boolean warn = retried && task.retry() != null && task.retry().isWarningOnRetry();
                step.end(updated, warn ? TaskRunStatus.WARNING : TaskRunStatus.SUCCESS, null);
            }
            case WARNING -> step.end(updated, TaskRunStatus.WARNING, null);
            case KILLED -> step.end(updated, TaskRunStatus.KILLED, error == null ? "killed" : error);
            default -> failed(step, updated, task, error);
        }
    }

    private static void failed(ExecutionStep step, TaskRun run, Task task, String error) {
        Retry retry = task.retry();
        if (!step.killing() && retry != null && retry.effectiveBehavior() == Retry.Behavior.RETRY_FAILED_TASK) {
            int next = run.attemptNumber() + 1;
            Instant firstStart = run.attempts().getFirst().state().startDate();
            Instant at = retry.nextAttemptAt(next, firstStart, step.now(), run.id().hashCode());
            if (at != null) {
                TaskRun retrying = run.to(TaskRunStatus.RETRYING, step.now()).withError(error);
                step.put(retrying);
                step.timers.add(new Timer(run.executionId(), Timer.Kind.RETRY, run.id(), run.attemptNumber(), at));
                step.log(retrying, LogLevel.WARN, "attempt " + run.attemptNumber() + " failed: " + error
                    + "; attempt " + next + " at " + at);
                return;
            }
        }
        step.end(run, TaskRunStatus.FAILED, error == null ? "failed" : error);
    }
}
