package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Restarts a failed or killed execution under the same id: the task runs whose failure failed it
 * run again (a runnable as a new attempt, a flowable from scratch), their failed parents reopen,
 * and the errors / finally tasks that ran because of the failure are dropped so they can run
 * again at the new end. Failures that were absorbed (allowFailure) stay as they are.
 */
final class RestartHandler {

    void handle(RestartExecution c, ExecutionStep step) {
        ExecutionStatus s = step.header().status();
        if (s != ExecutionStatus.FAILED && s != ExecutionStatus.KILLED) {
            step.log(null, LogLevel.WARN, "restart ignored: the execution is " + s + ", not FAILED or KILLED");
            return;
        }
        if (!restart(step)) {
            step.log(null, LogLevel.WARN, "restart ignored: no failed task to run again");
        }
    }

    /** Restarts the execution in {@code step}; false when there is nothing to restart. */
    boolean restart(ExecutionStep step) {
        List<TaskRun> leaves = new ArrayList<>();
        for (TaskRun r : step.state().taskRuns()) {
            if (r.status().isFailure() && !step.state().summary(r.id()).anyFailure() && failedUpToTop(step, r)) {
                leaves.add(r);
            }
        }
        if (leaves.isEmpty()) {
            return false;
        }
        step.setStatus(ExecutionStatus.RESTARTED);
        step.log(null, LogLevel.INFO, "restarted");
        Set<String> reopened = new LinkedHashSet<>();
        List<TaskRun> toDispatch = new ArrayList<>();
        for (TaskRun leaf : leaves) {
            Task task = step.task(leaf);
            if (task instanceof RunnableTask) {
                TaskRun restarted = leaf.to(TaskRunStatus.RESTARTED, step.now());
                step.put(restarted);
                toDispatch.add(restarted);
            } else {
                Branches.removeDescendants(step, leaf.id());
                step.put(leaf.withPlan(null).withOutputs(null).to(TaskRunStatus.RUNNING, step.now()));
                step.enqueue(leaf.id(), null);
                reopened.add(leaf.id());
            }
            for (String pid = leaf.parentTaskRunId(); pid != null; ) {
                TaskRun p = step.state().taskRun(pid);
                if (p.status().isFailure()) {
                    step.put(p.to(TaskRunStatus.RUNNING, step.now()));
                    reopened.add(p.id());
                }
                pid = p.parentTaskRunId();
            }
        }
        Branches.dropErrorsAndFinally(step, null);
        for (String id : reopened) {
            Branches.dropErrorsAndFinally(step, id);
        }
        for (TaskRun r : toDispatch) {
            step.dispatch(step.state().taskRun(r.id()), step.task(r));
        }
        return true;
    }

    /** Whether every ancestor of {@code r} failed too: the failure reached the top and failed the execution. */
    private static boolean failedUpToTop(ExecutionStep step, TaskRun r) {
        for (String pid = r.parentTaskRunId(); pid != null; ) {
            TaskRun p = step.state().taskRun(pid);
            if (p == null || !p.status().isFailure()) {
                return false;
            }
            pid = p.parentTaskRunId();
        }
        return true;
    }
}
