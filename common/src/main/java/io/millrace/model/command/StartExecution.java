package io.millrace.model.command;

/** The flow's concurrency limit admits this execution: it may start (from CREATED or QUEUED). */
public record StartExecution(String executionId) implements ExecutionCommand {
}
