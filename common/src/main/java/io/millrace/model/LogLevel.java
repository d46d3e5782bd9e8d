package io.millrace.model;

/** Severity of a log line, ordered from most to least verbose. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /** Whether a line of this level is kept when the threshold is {@code threshold}. */
    public boolean isAtLeast(LogLevel threshold) {
        return threshold == null || compareTo(threshold) >= 0;
    }
}
