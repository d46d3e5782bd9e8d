package io.millrace.model.command;

/** The flow's concurrency limit is reached and its behaviour is QUEUE: wait for a slot. */
public record QueueExecution(String executionId) implements ExecutionCommand {
}
