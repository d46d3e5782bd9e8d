package io.millrace.model.command;

import io.millrace.model.execution.Execution;

/**
 * Start a new execution ({@code newExecutionId}) that replays this one from task run
 * {@code taskRunId}: what ran before it is kept, it and what follows run again. Without a task
 * run id the new execution starts from the beginning with the same inputs.
 *
 * @param snapshot the source execution as the sender last saw it, used only when the executor no
 *                 longer holds it
 */
public record ReplayExecution(String executionId, String newExecutionId, String taskRunId, Execution snapshot)
    implements ExecutionCommand {

    public ReplayExecution(String executionId, String newExecutionId, String taskRunId) {
        this(executionId, newExecutionId, taskRunId, null);
    }
}
