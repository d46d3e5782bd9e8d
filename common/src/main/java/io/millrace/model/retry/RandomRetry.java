package io.millrace.model.retry;

import io.millrace.plugin.Prop;

import java.time.Duration;
import java.util.SplittableRandom;

/** Retries after a random wait between {@code minInterval} and {@code maxInterval}. */
public record RandomRetry(
    @Prop(value = "constant, exponential or random.", required = true) String type,
    @Prop("Shortest wait between attempts.") Duration minInterval,
    @Prop("Longest wait between attempts.") Duration maxInterval,
    @Prop("Most attempts in all, the first included.") Integer maxAttempt,
    @Prop("Longest time from the first attempt's start to the start of the next attempt.") Duration maxDuration,
    @Prop("A task that succeeded after retries ends in WARNING.") Boolean warningOnRetry,
    @Prop("RETRY_FAILED_TASK (default): new attempts of the task; CREATE_NEW_EXECUTION: a new execution of the flow.") Behavior behavior
) implements Retry {

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
