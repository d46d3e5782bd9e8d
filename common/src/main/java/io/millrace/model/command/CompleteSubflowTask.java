package io.millrace.model.command;

import io.millrace.model.execution.ExecutionStatus;

import java.util.Map;

/**
 * Sent by a child execution when it ends, to the parent execution whose Subflow task run waits for it.
 *
 * @param outputs      the Subflow task's {@code outputs}, rendered against the child
 * @param outputsError why they could not be rendered, if so
 * @param childError   why the child ended without running its flow through: it could not start (its
 *                     flow does not exist or is disabled, its inputs do not fit) or the executor aborted it
 */
public record CompleteSubflowTask(String executionId, String taskRunId, String childExecutionId,
                                  ExecutionStatus childStatus, Map<String, Object> outputs, String outputsError,
                                  String childError)
    implements ExecutionCommand {
}
