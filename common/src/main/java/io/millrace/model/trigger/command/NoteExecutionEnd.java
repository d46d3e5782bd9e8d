package io.millrace.model.trigger.command;

import io.millrace.model.execution.ExecutionStatus;

/**
 * An execution a trigger started has ended, sent by the scheduler's own end watcher (it reads
 * {@code executions}, keyed by execution, and re-keys the ends by flow): the trigger's {@code stopAfter} may
 * disable it.
 */
public record NoteExecutionEnd(String namespace, String flowId, String triggerId, String executionId,
                               ExecutionStatus status) implements TriggerCommand {
}
