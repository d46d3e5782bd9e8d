package io.millrace.model.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.millrace.model.LogLevel;

import java.time.Instant;

/** One log line of an execution, written by a task (worker) or by the executor. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEntry(
    String namespace,
    String flowId,
    String executionId,
    String taskId,
    String taskRunId,
    Integer attemptNumber,
    Instant timestamp,
    LogLevel level,
    String message,
    String thread
) {

    /** The same line with another message. */
    public LogEntry withMessage(String newMessage) {
        return new LogEntry(namespace, flowId, executionId, taskId, taskRunId, attemptNumber, timestamp, level,
            newMessage, thread);
    }
}
