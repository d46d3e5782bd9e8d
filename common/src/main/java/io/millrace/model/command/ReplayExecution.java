package io.millrace.model.command;

/**
 * Start a new execution ({@code newExecutionId}) that replays this one from task run
 * {@code taskRunId}: what ran before it is kept, it and what follows run again. Without a task
 * run id the new execution starts from the beginning with the same inputs.
 */
public record ReplayExecution(String executionId, String newExecutionId, String taskRunId) implements ExecutionCommand {
}
