package io.millrace.template;

import java.time.Duration;

/**
 * What one render may spend: wall-clock time, steps (loop iterations, macro, filter and function
 * calls) and characters of any text it builds. A render over any of them fails with a
 * {@link TemplateException} naming the limit.
 *
 * @param timeout  how long one render (nested {@code render()} calls included) may take
 * @param maxSteps how many loop iterations, macro, filter and function calls one render may make
 * @param maxChars the longest text one render may produce or build on the way
 */
public record TemplateLimits(Duration timeout, long maxSteps, int maxChars) {

    /** Long enough for any sane template, short enough that a runaway one frees its thread quickly. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** Task renders run on a worker, off any request or stream thread: they may take longer. */
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofSeconds(30);

    public static final long DEFAULT_MAX_STEPS = 10_000_000;

    public static final int DEFAULT_MAX_CHARS = 10 * 1024 * 1024;

    /** The limits of a render on a request or stream thread (api, executor). */
    public static final TemplateLimits DEFAULTS = new TemplateLimits(DEFAULT_TIMEOUT, DEFAULT_MAX_STEPS, DEFAULT_MAX_CHARS);

    /** The limits of a task's renders on a worker. */
    public static final TemplateLimits TASK_DEFAULTS =
        new TemplateLimits(DEFAULT_TASK_TIMEOUT, DEFAULT_MAX_STEPS, DEFAULT_MAX_CHARS);

    public TemplateLimits {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the template timeout must be positive, not " + timeout);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the template step limit must be positive, not " + maxSteps);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("the template size limit must be positive, not " + maxChars);
        }
    }

    /** The timeout as people write it: {@code 2s}, {@code 500ms}, {@code 1m30s}. */
    String timeoutText() {
        long millis = timeout.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + "m"
            : seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }
}
