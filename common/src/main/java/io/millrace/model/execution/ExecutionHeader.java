package io.millrace.model.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.millrace.model.Label;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything about an execution except its task runs: the record the executor writes to
 * {@code executions}. Keeping task runs apart means an update never re-serialises a large execution.
 *
 * @param parentId      the execution this one was replayed from
 * @param originalId    the first execution of a chain of CREATE_NEW_EXECUTION retries (itself if none)
 * @param attemptNumber 1 for the first execution of that chain
 * @param parentTask    the Subflow task run waiting for this execution, when there is one
 * @param taskRunCount  how many task runs were created so far (the next {@link TaskRun#seq})
 * @param subflowDepth  how deep in a chain of subflows this execution runs: 0 for one nobody's Subflow
 *                      task started, its parent's depth + 1 otherwise (bounds a flow that calls itself)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionHeader(
    String id,
    String namespace,
    String flowId,
    int flowRevision,
    State<ExecutionStatus> state,
    Map<String, Object> inputs,
    List<Label> labels,
    Map<String, Object> outputs,
    ExecutionTrigger trigger,
    String parentId,
    String originalId,
    int attemptNumber,
    Instant scheduleDate,
    ParentTask parentTask,
    int taskRunCount,
    int subflowDepth
) {

    public ExecutionHeader {
        labels = labels == null ? List.of() : List.copyOf(labels);
        inputs = inputs == null ? Map.of() : inputs;
    }

    /** A header of an execution no Subflow task started (depth 0). */
    public ExecutionHeader(String id, String namespace, String flowId, int flowRevision, State<ExecutionStatus> state,
                           Map<String, Object> inputs, List<Label> labels, Map<String, Object> outputs,
                           ExecutionTrigger trigger, String parentId, String originalId, int attemptNumber,
                           Instant scheduleDate, ParentTask parentTask, int taskRunCount) {
        this(id, namespace, flowId, flowRevision, state, inputs, labels, outputs, trigger, parentId, originalId,
            attemptNumber, scheduleDate, parentTask, taskRunCount, 0);
    }

    public ExecutionStatus status() {
        return state.current();
    }

    /** This header moved to {@code next} at {@code at}, checked against the execution table. */
    public ExecutionHeader to(ExecutionStatus next, Instant at) {
        ExecutionTransitions.TABLE.check(state.current(), next);
        return withState(state.to(next, at));
    }

    public ExecutionHeader withState(State<ExecutionStatus> s) {
        return new ExecutionHeader(id, namespace, flowId, flowRevision, s, inputs, labels, outputs, trigger,
            parentId, originalId, attemptNumber, scheduleDate, parentTask, taskRunCount, subflowDepth);
    }

    public ExecutionHeader withOutputs(Map<String, Object> o) {
        return new ExecutionHeader(id, namespace, flowId, flowRevision, state, inputs, labels, o, trigger,
            parentId, originalId, attemptNumber, scheduleDate, parentTask, taskRunCount, subflowDepth);
    }

    public ExecutionHeader withTaskRunCount(int count) {
        return new ExecutionHeader(id, namespace, flowId, flowRevision, state, inputs, labels, outputs, trigger,
            parentId, originalId, attemptNumber, scheduleDate, parentTask, count, subflowDepth);
    }

    /** The value of label {@code key}, or null. */
    public String label(String key) {
        for (Label l : labels) {
            if (l.key().equals(key)) {
                return l.value();
            }
        }
        return null;
    }
}
