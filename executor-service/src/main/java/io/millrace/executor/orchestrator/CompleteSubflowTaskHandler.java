package io.millrace.executor.orchestrator;

import io.millrace.model.command.CompleteSubflowTask;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.flow.Subflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A child execution ended: its Subflow task run learns how, and resolves its own end. */
final class CompleteSubflowTaskHandler {

    void handle(CompleteSubflowTask c, ExecutionStep step) {
        TaskRun run = step.state().taskRun(c.taskRunId());
        if (run == null || run.status() != TaskRunStatus.RUNNING || run.plan() == null
            || !Objects.equals(run.plan().get(Subflow.CHILD_ID), c.childExecutionId())) {
            return; // stale: the task run was restarted, killed or already ended
        }
        Map<String, Object> plan = new LinkedHashMap<>(run.plan());
        plan.put(Subflow.CHILD_STATE, c.childStatus().name());
        if (c.outputs() != null) {
            plan.put(Subflow.CHILD_OUTPUTS, c.outputs());
        }
        if (c.outputsError() != null) {
            plan.put(Subflow.OUTPUTS_ERROR, c.outputsError());
        }
        if (c.childError() != null) {
            plan.put(Subflow.CHILD_ERROR, c.childError());
        }
        step.put(run.withPlan(plan));
        step.enqueue(run.id(), null);
    }
}
