package io.millrace.api.store;

import io.millrace.model.execution.LogEntry;

import java.util.List;

/** Log lines as indexed. */
public interface LogStore {

    /** Every line of one execution matching {@code query}, oldest first (for display and download). */
    List<LogEntry> ofExecution(LogQuery query);

    /** Lines matching {@code query}, newest first unless {@code paging} sorts otherwise. */
    ResultPage<LogEntry> search(LogQuery query, Paging paging);

    /** Deletes what one execution wrote: its log lines and/or its metrics. */
    void deleteOfExecution(String executionId, boolean logs, boolean metrics);
}
