package io.millrace.api.store;

import io.millrace.model.LogLevel;

import java.time.Instant;
import java.util.List;

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
 * @param within      namespace prefixes the caller may see (each also matching the namespaces under it); empty for all
 */
public record LogQuery(String namespace, String flowId, String executionId, String taskRunId, LogLevel minLevel,
                       Instant after, Instant before, String text, List<String> within) {

    public LogQuery {
        within = within == null ? List.of() : List.copyOf(within);
    }

    /** A query over every namespace. */
    public LogQuery(String namespace, String flowId, String executionId, String taskRunId, LogLevel minLevel,
                    Instant after, Instant before, String text) {
        this(namespace, flowId, executionId, taskRunId, minLevel, after, before, text, List.of());
    }

    /** This query, kept to the namespaces under {@code prefixes} (empty for all). */
    public LogQuery within(List<String> prefixes) {
        return new LogQuery(namespace, flowId, executionId, taskRunId, minLevel, after, before, text, prefixes);
    }

    public static LogQuery ofExecution(String executionId, String taskRunId, LogLevel minLevel) {
        return new LogQuery(null, null, executionId, taskRunId, minLevel, null, null, null);
    }
}
