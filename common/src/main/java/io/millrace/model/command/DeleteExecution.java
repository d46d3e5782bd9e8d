package io.millrace.model.command;

import java.util.List;

/**
 * Delete an ended execution: the executor drops it from its stores and writes tombstones for its
 * header and task runs, so every reader (the search store included) forgets it. An execution still
 * going on is left alone.
 *
 * @param taskRunIds the task runs the sender knows of: an ended execution may have left the
 *                   executor's stores already, and their tombstones still have to be written
 */
public record DeleteExecution(String executionId, List<String> taskRunIds) implements ExecutionCommand {

    public DeleteExecution {
        taskRunIds = taskRunIds == null ? List.of() : List.copyOf(taskRunIds);
    }
}
