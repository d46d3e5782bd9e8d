package io.millrace.model.retry;

import java.time.Duration;

/** Retries after {@code interval}, multiplied by {@code delayFactor} (default 2) each time, capped by {@code maxInterval}. */
public record ExponentialRetry(String type, Duration interval, Duration maxInterval, Double delayFactor,
                               Integer maxAttempt, Duration maxDuration, Boolean warningOnRetry,
                               Behavior behavior) implements Retry {

    @Override
    public Duration delayBefore(int nextAttempt, long seed) {
        double factor = delayFactor == null ? 2.0 : delayFactor;
        double millis = (interval == null ? 1000 : interval.toMillis()) * Math.pow(factor, Math.max(0, nextAttempt - 2));
        long capped = (long) Math.min(millis, maxInterval == null ? Long.MAX_VALUE : maxInterval.toMillis());
        return Duration.ofMillis(capped);
    }
}
