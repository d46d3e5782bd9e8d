package io.millrace.model.retry;

import java.time.Duration;

/** Retries after the same {@code interval} each time. */
public record ConstantRetry(String type, Duration interval, Integer maxAttempt, Duration maxDuration,
                            Boolean warningOnRetry, Behavior behavior) implements Retry {

    @Override
    public Duration delayBefore(int nextAttempt, long seed) {
        return interval == null ? Duration.ZERO : interval;
    }
}
