package io.millrace.model.command;

import io.millrace.model.execution.ExecutionStatus;

/** The flow's concurrency limit is reached and its behaviour is CANCEL or FAIL: end in {@code status}. */
public record RejectExecution(String executionId, ExecutionStatus status, String reason) implements ExecutionCommand {
}
