package io.millrace.api.store;

import io.millrace.model.LogLevel;

import java.time.Instant;

/**
 * Filters of a log search; every null filter matches everything.
 *
 * @param namespace   the namespace or any namespace under it
 * @param flowId      exact flow id
 * @param executionId exact execution id
 * @param taskRunId   exact task run id
 * @param minLevel    this level or a more severe one
 * @param after       logged at or after
 * @param before      logged before
 * @param text        free text in the message
 */
public record LogQuery(String namespace, String flowId, String executionId, String taskRunId, LogLevel minLevel,
                       Instant after, Instant before, String text) {

    public static LogQuery ofExecution(String executionId, String taskRunId, LogLevel minLevel) {
        return new LogQuery(null, null, executionId, taskRunId, minLevel, null, null, null);
    }
}
