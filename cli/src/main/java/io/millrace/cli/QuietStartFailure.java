package io.millrace.cli;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;

/**
 * Keeps Spring Boot from printing its "APPLICATION FAILED TO START" report or the stack trace of a failed
 * start: the failure reaches the command, which prints one line ({@link FailureLine}), and the stack trace
 * only with {@code MILLRACE_DEBUG} set.
 */
public final class QuietStartFailure implements SpringBootExceptionReporter, Ordered {

    @Override
    public boolean reportException(Throwable failure) {
        return true;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
