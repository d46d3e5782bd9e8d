package io.millrace.executor.orchestrator;

import io.millrace.model.FlowOutput;
import io.millrace.model.LogLevel;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.input.InputValues;
import io.millrace.model.retry.Retry;
import io.millrace.runtime.Variables;
import io.millrace.tasks.Task;
import io.millrace.util.Ids;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happens when an execution ends: flow outputs are rendered, a failure may be retried as a
 * new execution or by restarting later, a waiting parent execution is told, the concurrency slot
 * is given back.
 */
final class ExecutionEnd {

    private ExecutionEnd() {
    }

    static ExecutionStatus toExecutionStatus(TaskRunStatus s) {
        return switch (s) {
            case WARNING -> ExecutionStatus.WARNING;
            case FAILED -> ExecutionStatus.FAILED;
            case KILLED -> ExecutionStatus.KILLED;
            default -> ExecutionStatus.SUCCESS;
        };
    }

    static void finish(ExecutionStep step, ExecutionStatus status) {
        ExecutionStatus end = step.killing() ? ExecutionStatus.KILLED : status;
        ExecutionStatus current = step.header().status();
        if (current == ExecutionStatus.RESTARTED || current == ExecutionStatus.PAUSED) {
            step.setStatus(ExecutionStatus.RUNNING);
        }
        if ((end == ExecutionStatus.SUCCESS || end == ExecutionStatus.WARNING) && !step.flow().outputs().isEmpty()) {
            try {
                step.setHeader(step.header().withOutputs(renderOutputs(step)));
            } catch (RuntimeException e) {
                step.log(null, LogLevel.ERROR, "flow outputs cannot be rendered: " + ExecutionStep.userMessage(e));
                end = ExecutionStatus.FAILED;
            }
        }
        boolean retried = false;
        if (end == ExecutionStatus.FAILED) {
            CreateExecution retry = retryAsNewExecution(step);
            if (retry != null) {
                step.commands.add(retry);
                step.log(null, LogLevel.WARN, "execution failed; retried as execution " + retry.executionId()
                    + " (attempt " + retry.attemptNumber() + ") at " + retry.scheduleDate());
                end = ExecutionStatus.RETRIED;
                retried = true;
            } else {
                scheduleFlowRestart(step);
            }
        }
        step.setStatus(end);
        if (step.header().parentTask() != null && !retried) {
            notifyParent(step, end);
        }
        step.releaseSlot();
    }

    private static Map<String, Object> renderOutputs(ExecutionStep step) {
        Map<String, Object> vars = Variables.forExecution(step.flow(), step.state());
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (FlowOutput o : step.flow().outputs()) {
            Object value = o.value() instanceof String s ? step.engine().render(s, vars) : o.value();
            outputs.put(o.id(), InputValues.typeOutput(o, value));
        }
        return outputs;
    }

    /** A CREATE_NEW_EXECUTION retry of a failed task (or of the flow), when the policy allows one more. */
    private static CreateExecution retryAsNewExecution(ExecutionStep step) {
        Retry policy = null;
        for (TaskRun r : step.state().taskRuns()) {
            if (r.status() == TaskRunStatus.FAILED) {
                Task t = step.flow().task(r.taskId());
                if (t != null && t.retry() != null
                    && t.retry().effectiveBehavior() == Retry.Behavior.CREATE_NEW_EXECUTION) {
                    policy = t.retry();
                    break;
                }
            }
        }
        Retry flowRetry = step.flow().retry();
        if (policy == null && flowRetry != null && flowRetry.effectiveBehavior() == Retry.Behavior.CREATE_NEW_EXECUTION) {
            policy = flowRetry;
        }
        if (policy == null) {
            return null;
        }
        ExecutionHeader h = step.header();
        String originalId = h.originalId() == null ? h.id() : h.originalId();
        int next = h.attemptNumber() + 1;
        Instant at = policy.nextAttemptAt(next, h.state().startDate(), step.now(), originalId.hashCode());
        if (at == null) {
            return null;
        }
        return new CreateExecution(Ids.derived(originalId, "retry", String.valueOf(next)), h.namespace(), h.flowId(),
            h.flowRevision(), h.inputs(), h.labels(), h.trigger(), at, h.parentTask(), originalId, next, h.subflowDepth());
    }

    /** A flow-level RETRY_FAILED_TASK policy restarts the failed execution later. */
    private static void scheduleFlowRestart(ExecutionStep step) {
        Retry flowRetry = step.flow().retry();
        if (flowRetry == null || flowRetry.effectiveBehavior() != Retry.Behavior.RETRY_FAILED_TASK) {
            return;
        }
        ExecutionHeader h = step.header();
        int attempt = (int) h.state().count(ExecutionStatus.RESTARTED) + 2;
        Instant at = flowRetry.nextAttemptAt(attempt, h.state().startDate(), step.now(), h.id().hashCode());
        if (at != null) {
            step.timers.add(new Timer(h.id(), Timer.Kind.FLOW_RETRY, null, attempt, at));
            step.log(null, LogLevel.WARN, "execution failed; its failed tasks restart at " + at
                + " (attempt " + attempt + ")");
        }
    }

    /** Tells the Subflow task run that waits for this execution how it ended, with its outputs. */
    private static void notifyParent(ExecutionStep step, ExecutionStatus end) {
        ExecutionHeader h = step.header();
        Map<String, Object> outputs = null;
        String error = null;
        Map<String, Object> templates = h.parentTask().outputs();
        if (templates != null && !templates.isEmpty()) {
            try {
                Map<String, Object> vars = Variables.forExecution(step.flow(), step.state());
                outputs = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : templates.entrySet()) {
                    Object v = e.getValue();
                    outputs.put(e.getKey(), v instanceof String s ? step.engine().render(s, vars) : v);
                }
            } catch (RuntimeException e) {
                outputs = null;
                error = ExecutionStep.userMessage(e);
            }
        } else if (h.outputs() != null) {
            outputs = h.outputs();
        }
        step.tellParent(end, outputs, error, null);
    }
}
