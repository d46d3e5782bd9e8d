package io.millrace.model.command;

import io.millrace.model.execution.ExecutionStatus;

import java.util.Map;

/**
 * Sent by a child execution when it ends, to the parent execution whose Subflow task run waits for it.
 *
 * @param outputs      the Subflow task's {@code outputs}, rendered against the child
 * @param outputsError why they could not be rendered, if so
 */
public record CompleteSubflowTask(String executionId, String taskRunId, String childExecutionId,
                                  ExecutionStatus childStatus, Map<String, Object> outputs, String outputsError)
    implements ExecutionCommand {
}
