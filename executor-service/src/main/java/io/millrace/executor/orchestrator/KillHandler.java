package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.command.KillExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.flow.Subflow;

/**
 * Kills an execution. One that has not started ends KILLED at once. A running one goes KILLING:
 * task runs not yet on a worker end KILLED, running attempts are interrupted (workers report them
 * KILLED), child executions are killed too, and the execution ends KILLED when nothing runs.
 */
final class KillHandler {

    void handle(KillExecution c, ExecutionStep step) {
        ExecutionHeader h = step.header();
        ExecutionStatus s = h.status();
        if (s.isTerminal() || s == ExecutionStatus.KILLING) {
            return;
        }
        step.log(null, LogLevel.WARN, "kill requested");
        if (s == ExecutionStatus.CREATED || s == ExecutionStatus.QUEUED) {
            step.setStatus(ExecutionStatus.KILLED);
            if (s == ExecutionStatus.QUEUED) {
                step.releaseSlot();
            }
            step.tellParent(ExecutionStatus.KILLED, null, null, null);
            return;
        }
        step.setStatus(ExecutionStatus.KILLING);
        for (TaskRun r : step.state().taskRuns()) {
            if (r.status().isTerminal()) {
                continue;
            }
            Task task = step.task(r);
            switch (r.status()) {
                case RETRYING, PAUSED -> step.end(r, TaskRunStatus.KILLED, "killed");
                case RUNNING -> {
                    if (task instanceof RunnableTask) {
                        step.killAttempt(r);
                    } else if (task instanceof Subflow && r.plan() != null && r.plan().get(Subflow.CHILD_ID) != null) {
                        step.commands.add(new KillExecution((String) r.plan().get(Subflow.CHILD_ID)));
                    }
                }
                default -> {
                }
            }
        }
        step.enqueue(null, null);
    }
}
