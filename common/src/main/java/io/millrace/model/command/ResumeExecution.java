package io.millrace.model.command;

/** Resume a paused execution: every paused Pause task carries on. */
public record ResumeExecution(String executionId) implements ExecutionCommand {
}
