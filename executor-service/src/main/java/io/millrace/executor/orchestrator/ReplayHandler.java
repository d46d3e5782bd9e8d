package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.CreateReplayedExecution;
import io.millrace.model.command.ReplayExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.RunnableTask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prepares a replay of an ended execution as a new execution: the task runs created before the
 * chosen one are copied, the chosen one runs again (a runnable as a new attempt, a flowable from
 * scratch), its parents reopen, and everything created after it is left out so it happens again.
 * The source execution does not change.
 */
final class ReplayHandler {

    void handle(ReplayExecution c, ExecutionStep step) {
        ExecutionHeader h = step.header();
        ExecutionStatus s = h.status();
        if (!s.isTerminal() || s == ExecutionStatus.CANCELLED || s == ExecutionStatus.RETRIED) {
            step.log(null, LogLevel.WARN, "replay ignored: the execution is " + s);
            return;
        }
        if (c.taskRunId() == null) {
            step.commands.add(new CreateExecution(c.newExecutionId(), h.namespace(), h.flowId(), h.flowRevision(),
                h.inputs(), h.labels(), h.trigger(), null, null, null, 1, h.subflowDepth()));
            step.log(null, LogLevel.INFO, "replayed from the start as execution " + c.newExecutionId());
            return;
        }
        TaskRun target = step.state().taskRun(c.taskRunId());
        if (target == null || target.status() == TaskRunStatus.SKIPPED) {
            step.log(null, LogLevel.WARN, "replay ignored: task run " + c.taskRunId()
                + (target == null ? " does not exist" : " was skipped"));
            return;
        }
        Set<String> ancestors = new HashSet<>();
        for (String pid = target.parentTaskRunId(); pid != null; pid = step.state().taskRun(pid).parentTaskRunId()) {
            ancestors.add(pid);
        }
        List<TaskRun> kept = new ArrayList<>();
        for (TaskRun r : step.state().taskRuns()) {
            TaskRun copy;
            if (r.id().equals(target.id())) {
                copy = step.task(r) instanceof RunnableTask
                    ? r.to(TaskRunStatus.RESTARTED, step.now())
                    : r.withPlan(null).withOutputs(null).to(TaskRunStatus.RUNNING, step.now());
            } else if (r.seq() > target.seq()) {
                continue;
            } else if (ancestors.contains(r.id())) {
                copy = r.to(TaskRunStatus.RUNNING, step.now());
            } else {
                copy = r;
            }
            kept.add(copy.inExecution(c.newExecutionId()));
        }
        ExecutionHeader replayed = new ExecutionHeader(c.newExecutionId(), h.namespace(), h.flowId(),
            h.flowRevision(), h.state(), h.inputs(), h.labels(), null, h.trigger(), h.id(), h.originalId(),
            h.attemptNumber(), null, null, h.taskRunCount(), h.subflowDepth()).to(ExecutionStatus.RESTARTED, step.now());
        step.commands.add(new CreateReplayedExecution(c.newExecutionId(), replayed, kept));
        step.log(null, LogLevel.INFO, "replayed from task " + target.taskId() + " as execution " + c.newExecutionId());
    }
}
