package io.millrace.model.command;

/** Run the failed task runs of a failed or killed execution again, under the same execution id. */
public record RestartExecution(String executionId) implements ExecutionCommand {
}
