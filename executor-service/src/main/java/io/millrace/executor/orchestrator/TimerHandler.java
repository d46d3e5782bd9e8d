package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;

/**
 * A timer came due. Each kind first checks that what it was set for still holds — the execution
 * still waits to start, the task run still waits for that attempt, the pause is still on — and
 * otherwise does nothing: timers are never cancelled, only outlived.
 */
final class TimerHandler {

    private final RestartHandler restart;

    TimerHandler(RestartHandler restart) {
        this.restart = restart;
    }

    void handle(Timer t, ExecutionStep step) {
        switch (t.kind()) {
            case START -> {
                if (step.header().status() == ExecutionStatus.CREATED) {
                    step.admit();
                }
            }
            case FLOW_RETRY -> {
                if (step.header().status() == ExecutionStatus.FAILED
                    && step.header().state().count(ExecutionStatus.RESTARTED) + 2 == t.attempt()) {
                    restart.restart(step);
                }
            }
            default -> onTaskRun(t, step);
        }
    }

    private void onTaskRun(Timer t, ExecutionStep step) {
        TaskRun run = step.state().taskRun(t.taskRunId());
        if (run == null || step.killing() && t.kind() != Timer.Kind.TASK_TIMEOUT) {
            return;
        }
        switch (t.kind()) {
            case RETRY -> {
                if (run.status() == TaskRunStatus.RETRYING && run.attemptNumber() == t.attempt()) {
                    step.dispatch(run, step.task(run));
                }
            }
            case TASK_TIMEOUT -> {
                if (run.status() == TaskRunStatus.RUNNING && run.attemptNumber() == t.attempt()
                    && run.lastAttempt().state().current() == TaskRunStatus.RUNNING) {
                    String error = "timed out after " + step.task(run).timeout() + " (no result from its worker)";
                    step.log(run, LogLevel.ERROR, error);
                    step.killAttempt(run);
                    TaskRunStatus status = step.killing() ? TaskRunStatus.KILLED : TaskRunStatus.FAILED;
                    WorkerResultHandler.complete(step, run, status, error, null);
                }
            }
            case PAUSE_RESUME -> {
                if (run.status() == TaskRunStatus.PAUSED) {
                    step.put(run.to(TaskRunStatus.RUNNING, step.now()));
                    step.enqueue(run.id(), null);
                    step.log(run, LogLevel.INFO, "resumed after its delay");
                }
            }
            case PAUSE_TIMEOUT -> {
                if (run.status() == TaskRunStatus.PAUSED) {
                    Object onTimeout = run.plan() == null ? null : run.plan().get(PauseTimers.ON_TIMEOUT);
                    TaskRunStatus end = onTimeout == null ? TaskRunStatus.FAILED : TaskRunStatus.valueOf((String) onTimeout);
                    String why = "pause timed out";
                    step.log(run, end == TaskRunStatus.FAILED ? LogLevel.ERROR : LogLevel.WARN, why);
                    step.end(run, end, end == TaskRunStatus.FAILED ? why : null);
                }
            }
            case WAKE -> {
                if (run.status() == TaskRunStatus.RUNNING) {
                    step.enqueue(run.id(), null);
                }
            }
            default -> throw new IllegalStateException("unhandled timer kind " + t.kind());
        }
    }
}
