package io.millrace.executor.orchestrator;

import io.millrace.model.Label;
import io.millrace.model.LogLevel;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.ExecutionTrigger;
import io.millrace.model.execution.ParentTask;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.NextTaskRun;
import io.millrace.tasks.Task;
import io.millrace.tasks.flow.Blocks;
import io.millrace.tasks.flow.Subflow;
import io.millrace.template.TemplateException;
import io.millrace.util.Ids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives an execution forward after an event: resolves every scope whose children changed
 * (flowable task runs, then the flow's top level), creating children, pausing, starting subflows
 * and ending scopes, until nothing is left to do. Only the scopes an event touched are visited.
 */
final class Progression {

    private Progression() {
    }

    static void run(ExecutionStep step) {
        int budget = 1_000 + 20 * (step.header().taskRunCount() + 10);
        while (!step.queue.isEmpty()) {
            if (--budget < 0) {
                throw new IllegalStateException("execution " + step.header().id() + " does not settle: "
                    + "flowable resolution loops (a bug in a flowable task)");
            }
            ExecutionStep.Work w = step.queue.poll();
            if (w.parentId() == null) {
                resolveTop(step, w.trigger());
            } else {
                resolveFlowable(step, w.parentId(), w.trigger());
            }
        }
        settlePause(step);
        // RESTARTED marks the moment of a restart or resume; once the step ran, the execution runs
        if (step.header().status() == ExecutionStatus.RESTARTED) {
            step.setStatus(ExecutionStatus.RUNNING);
        }
    }

    private static void resolveTop(ExecutionStep step, TaskRun trigger) {
        ExecutionStatus s = step.header().status();
        if (s.isTerminal() || s == ExecutionStatus.CREATED || s == ExecutionStatus.QUEUED) {
            return;
        }
        ExecutionState state = step.state();
        if (step.killing()) {
            if (state.summary(null).running() == 0) {
                ExecutionEnd.finish(step, ExecutionStatus.KILLED);
            }
            return;
        }
        FlowableStep fs = Blocks.sequential(new StepScope(step, null, null, trigger),
            step.flow().tasks(), step.flow().errors(), step.flow().finallyTasks());
        for (NextTaskRun next : fs.next()) {
            step.createChild(null, next);
        }
        if (fs.end() != null) {
            ExecutionEnd.finish(step, ExecutionEnd.toExecutionStatus(fs.end()));
        }
    }

    private static void resolveFlowable(ExecutionStep step, String parentId, TaskRun trigger) {
        TaskRun parent = step.state().taskRun(parentId);
        if (parent == null || parent.status() != TaskRunStatus.RUNNING) {
            return;
        }
        Task task = step.task(parent);
        FlowableStep fs;
        try {
            fs = ((FlowableTask) task).resolve(new StepScope(step, parent, task, trigger));
        } catch (TemplateException | IllegalArgumentException | ClassCastException e) {
            step.fail(parent, ExecutionStep.userMessage(e));
            return;
        }
        if (fs.plan() != null || fs.outputs() != null) {
            parent = parent.withPlan(fs.plan() != null ? fs.plan() : parent.plan())
                .withOutputs(fs.outputs() != null ? fs.outputs() : parent.outputs());
            step.put(parent);
        }
        if (step.killing()) {
            if (step.state().summary(parent.id()).running() == 0) {
                TaskRunStatus end = fs.end() != null && fs.next().isEmpty() ? fs.end() : TaskRunStatus.KILLED;
                step.end(parent, end, fs.error());
            }
            return;
        }
        if (fs.pause() != null) {
            pause(step, parent, fs.pause());
            return;
        }
        if (fs.subflow() != null) {
            startSubflow(step, parent, (Subflow) task, fs.subflow());
            return;
        }
        for (NextTaskRun next : fs.next()) {
            step.createChild(parent.id(), next);
        }
        if (fs.wakeAt() != null) {
            step.timers.add(new Timer(parent.executionId(), Timer.Kind.WAKE, parent.id(), 0, fs.wakeAt()));
        }
        if (fs.end() != null) {
            if (fs.error() != null) {
                step.fail(parent, fs.error());
            } else {
                step.end(parent, fs.end(), null);
            }
        }
    }

    /** A Pause task pauses: so does the execution, with timers for its delay and timeout. */
    private static void pause(ExecutionStep step, TaskRun parent, FlowableStep.PauseRequest req) {
        Map<String, Object> plan = ExecutionStep.merge(parent.plan(), null);
        if (req.onTimeout() != null) {
            plan.put(PauseTimers.ON_TIMEOUT, req.onTimeout().name());
        }
        TaskRun paused = parent.withPlan(plan).to(TaskRunStatus.PAUSED, step.now());
        step.put(paused);
        step.ensureRunning();
        if (step.header().status() == ExecutionStatus.RUNNING) {
            step.setStatus(ExecutionStatus.PAUSED);
        }
        if (req.resumeAt() != null) {
            step.timers.add(new Timer(paused.executionId(), Timer.Kind.PAUSE_RESUME, paused.id(), 0, req.resumeAt()));
        }
        if (req.timeoutAt() != null) {
            step.timers.add(new Timer(paused.executionId(), Timer.Kind.PAUSE_TIMEOUT, paused.id(), 0, req.timeoutAt()));
        }
        step.log(paused, LogLevel.INFO, "paused"
            + (req.resumeAt() != null ? " until " + req.resumeAt() : "")
            + (req.timeoutAt() != null ? ", timeout at " + req.timeoutAt() : ""));
    }

    /** A Subflow task starts its child execution (with an id derived from the task run, so it happens once). */
    private static void startSubflow(ExecutionStep step, TaskRun parent, Subflow task, FlowableStep.SubflowRequest req) {
        ExecutionHeader h = step.header();
        int childDepth = h.subflowDepth() + 1;
        if (childDepth > step.maxSubflowDepth()) {
            // a flow that calls itself (or a cycle of flows) would otherwise start executions without end
            step.fail(parent, depthLimitMessage(step, h, req));
            return;
        }
        String childId = Ids.derived(h.id(), parent.id(), "subflow",
            String.valueOf(h.state().count(ExecutionStatus.RESTARTED)));
        Map<String, String> labels = new LinkedHashMap<>();
        if (task.isInheritLabels()) {
            for (Label l : h.labels()) {
                labels.put(l.key(), l.value());
            }
        }
        for (Label l : req.labels()) {
            labels.put(l.key(), l.value());
        }
        String correlation = h.label(Label.CORRELATION_ID);
        labels.put(Label.CORRELATION_ID, correlation == null ? h.id() : correlation);
        List<Label> labelList = new ArrayList<>();
        labels.forEach((k, v) -> labelList.add(new Label(k, v)));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("executionId", h.id());
        vars.put("namespace", h.namespace());
        vars.put("flowId", h.flowId());
        vars.put("flowRevision", h.flowRevision());
        vars.put("taskRunId", parent.id());
        ParentTask waiting = req.waitForEnd()
            ? new ParentTask(h.id(), parent.id(), h.namespace(), h.flowId(), req.outputs())
            : null;
        step.commands.add(new CreateExecution(childId, req.namespace(), req.flowId(), req.revision(), req.inputs(),
            labelList, new ExecutionTrigger(parent.taskId(), task.type(), vars), req.scheduleDate(), waiting, null, 1, childDepth));
        TaskRun updated = parent.withPlan(ExecutionStep.merge(parent.plan(), Map.of(Subflow.CHILD_ID, childId)));
        step.log(updated, LogLevel.INFO, "started execution " + childId + " of flow " + req.namespace() + "/"
            + req.flowId());
        if (req.waitForEnd()) {
            step.put(updated);
        } else {
            step.put(updated.withOutputs(Map.of("executionId", childId)));
            step.end(step.state().taskRun(updated.id()), TaskRunStatus.SUCCESS, null);
        }
    }

    /** Why a Subflow task may not start its child: the limit, and the chain from the root to the child. */
    private static String depthLimitMessage(ExecutionStep step, ExecutionHeader h, FlowableStep.SubflowRequest req) {
        String root = h.label(Label.CORRELATION_ID);
        StringBuilder chain = new StringBuilder();
        if (h.subflowDepth() > 0) {
            chain.append("root execution ").append(root == null ? "?" : root).append(" -> ");
            if (h.subflowDepth() > 1) {
                chain.append("... -> ");
            }
            if (h.parentTask() != null) {
                chain.append(h.parentTask().namespace()).append('/').append(h.parentTask().flowId())
                    .append(" (execution ").append(h.parentTask().executionId()).append(") -> ");
            }
        }
        chain.append(h.namespace()).append('/').append(h.flowId()).append(" (execution ").append(h.id())
            .append(", depth ").append(h.subflowDepth()).append(") -> ")
            .append(req.namespace()).append('/').append(req.flowId());
        return "subflow depth limit reached: starting " + req.namespace() + "/" + req.flowId()
            + " would run it at depth " + (h.subflowDepth() + 1) + ", deeper than the limit of "
            + step.maxSubflowDepth() + " (millrace.executor.max-subflow-depth); no execution was started. Chain: "
            + chain;
    }

    /** A paused execution whose pauses have all ended runs again. */
    private static void settlePause(ExecutionStep step) {
        if (step.header().status() != ExecutionStatus.PAUSED) {
            return;
        }
        for (TaskRun r : step.state().taskRuns()) {
            if (r.status() == TaskRunStatus.PAUSED) {
                return;
            }
        }
        step.setStatus(ExecutionStatus.RUNNING);
    }
}
