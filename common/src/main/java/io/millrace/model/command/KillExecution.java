package io.millrace.model.command;

/** Stop an execution: running tasks are interrupted, nothing new starts, it ends KILLED. */
public record KillExecution(String executionId) implements ExecutionCommand {
}
