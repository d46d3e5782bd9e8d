package io.millrace.executor.orchestrator;

import io.millrace.model.Flow;
import io.millrace.model.LogLevel;
import io.millrace.model.command.CreateReplayedExecution;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.FlowableTask;
import io.millrace.template.TemplateEngine;

import java.time.Instant;

/** Installs a replayed execution prepared by {@link ReplayHandler} and runs again what must run again. */
final class CreateReplayedExecutionHandler {

    private final TemplateEngine engine;
    private final int maxSubflowDepth;

    CreateReplayedExecutionHandler(TemplateEngine engine, int maxSubflowDepth) {
        this.engine = engine;
        this.maxSubflowDepth = maxSubflowDepth;
    }

    ExecutionStep handle(CreateReplayedExecution c, Flow flow, Instant now) {
        ExecutionState state = ExecutionState.newExecution(c.header());
        for (TaskRun r : c.taskRuns()) {
            state.put(r);
        }
        ExecutionStep step = new ExecutionStep(state, flow, now, engine, maxSubflowDepth);
        if (flow == null) {
            step.log(null, LogLevel.ERROR, "flow " + c.header().namespace() + "/"
                + c.header().flowId() + " revision " + c.header().flowRevision() + " does not exist");
            step.setStatus(ExecutionStatus.RUNNING);
            step.setStatus(ExecutionStatus.FAILED);
            return step;
        }
        for (TaskRun r : c.taskRuns()) {
            if (r.status() == TaskRunStatus.RESTARTED) {
                step.dispatch(r, step.task(r));
            } else if (r.status() == TaskRunStatus.RUNNING && step.task(r) instanceof FlowableTask) {
                step.enqueue(r.id(), null);
            }
        }
        step.enqueue(null, null);
        return step;
    }
}
