package io.millrace.model.command;

import io.millrace.model.Label;
import io.millrace.model.execution.ExecutionTrigger;
import io.millrace.model.execution.ParentTask;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Create and start an execution of a flow. Sent by the api (manual runs, webhooks), the scheduler,
 * and the executor itself (subflows, flow triggers, CREATE_NEW_EXECUTION retries). A second command
 * with an id that already exists is ignored, so senders can use deterministic ids.
 *
 * @param revision      the flow revision to run, or null for the latest
 * @param inputs        raw input values, checked and typed against the flow's inputs by the executor
 * @param scheduleDate  start no earlier than this (null: now)
 * @param parentTask    the Subflow task run waiting for this execution, if any
 * @param originalId    the first execution of a retry chain (null: this one)
 * @param attemptNumber 1, or the retry number of a CREATE_NEW_EXECUTION retry
 * @param subflowDepth  0, or the depth of the Subflow task's execution + 1 for a subflow (see
 *                      {@link io.millrace.model.execution.ExecutionHeader#subflowDepth})
 */
public record CreateExecution(
    String executionId,
    String namespace,
    String flowId,
    Integer revision,
    Map<String, Object> inputs,
    List<Label> labels,
    ExecutionTrigger trigger,
    Instant scheduleDate,
    ParentTask parentTask,
    String originalId,
    int attemptNumber,
    int subflowDepth
) implements ExecutionCommand {

    /** A creation no Subflow task asked for (depth 0). */
    public CreateExecution(String executionId, String namespace, String flowId, Integer revision,
                           Map<String, Object> inputs, List<Label> labels, ExecutionTrigger trigger,
                           Instant scheduleDate, ParentTask parentTask, String originalId, int attemptNumber) {
        this(executionId, namespace, flowId, revision, inputs, labels, trigger, scheduleDate, parentTask, originalId,
            attemptNumber, 0);
    }

    /** A plain manual run of the latest revision. */
    public static CreateExecution of(String executionId, String namespace, String flowId, Map<String, Object> inputs) {
        return new CreateExecution(executionId, namespace, flowId, null, inputs, List.of(), null, null, null, null, 1);
    }
}
