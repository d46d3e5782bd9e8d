package io.millrace.model.command;

import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.TaskRun;

import java.util.List;

/** Install the prepared state of a replayed execution under its new id and carry on from there. */
public record CreateReplayedExecution(String executionId, ExecutionHeader header, List<TaskRun> taskRuns)
    implements ExecutionCommand {
}
