package io.millrace.tasks;

import io.millrace.model.LogLevel;

/** Log lines of one task run attempt; they go to the execution's logs, filtered by the task's logLevel. */
public interface TaskLogger {

    void log(LogLevel level, String message);

    default void trace(String message) {
        log(LogLevel.TRACE, message);
    }

    default void debug(String message) {
        log(LogLevel.DEBUG, message);
    }

    default void info(String message) {
        log(LogLevel.INFO, message);
    }

    default void warn(String message) {
        log(LogLevel.WARN, message);
    }

    default void error(String message) {
        log(LogLevel.ERROR, message);
    }
}
