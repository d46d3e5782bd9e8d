package io.millrace.model.command;

import io.millrace.model.execution.Execution;

/**
 * Run the failed task runs of a failed or killed execution again, under the same execution id.
 *
 * @param snapshot the execution as the sender last saw it; the executor uses it only when it no
 *                 longer holds the execution (ended executions leave its store after a while)
 */
public record RestartExecution(String executionId, Execution snapshot) implements ExecutionCommand {

    public RestartExecution(String executionId) {
        this(executionId, null);
    }
}
