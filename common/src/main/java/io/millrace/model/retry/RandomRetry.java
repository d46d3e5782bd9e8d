package io.millrace.model.retry;

import java.time.Duration;
import java.util.SplittableRandom;

/** Retries after a random wait between {@code minInterval} and {@code maxInterval}. */
public record RandomRetry(String type, Duration minInterval, Duration maxInterval, Integer maxAttempt,
                          Duration maxDuration, Boolean warningOnRetry, Behavior behavior) implements Retry {

    @Override
    public Duration delayBefore(int nextAttempt, long seed) {
        long min = minInterval == null ? 0 : minInterval.toMillis();
        long max = maxInterval == null ? min : maxInterval.toMillis();
        if (max <= min) {
            return Duration.ofMillis(min);
        }
        // Seeded so that the orchestrator stays deterministic: the same failure gives the same wait.
        long pick = new SplittableRandom(seed * 31 + nextAttempt).nextLong(min, max + 1);
        return Duration.ofMillis(pick);
    }
}
