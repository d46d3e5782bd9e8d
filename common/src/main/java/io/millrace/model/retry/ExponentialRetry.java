package io.millrace.model.retry;

import io.millrace.plugin.Prop;

import java.time.Duration;

/** Retries after {@code interval}, multiplied by {@code delayFactor} (default 2) each time, capped by {@code maxInterval}. */
public record ExponentialRetry(
    @Prop(value = "constant, exponential or random.", required = true) String type,
    @Prop("Wait before the next attempt (exponential: the first wait).") Duration interval,
    @Prop("Longest wait between attempts.") Duration maxInterval,
    @Prop("Multiplier of the wait after each attempt (default 2).") Double delayFactor,
    @Prop("Most attempts in all, the first included.") Integer maxAttempt,
    @Prop("Longest time from the first attempt's start to the start of the next attempt.") Duration maxDuration,
    @Prop("A task that succeeded after retries ends in WARNING.") Boolean warningOnRetry,
    @Prop("RETRY_FAILED_TASK (default): new attempts of the task; CREATE_NEW_EXECUTION: a new execution of the flow.") Behavior behavior
) implements Retry {

    @Override
    public Duration delayBefore(int nextAttempt, long seed) {
        double factor = delayFactor == null ? 2.0 : delayFactor;
        double millis = (interval == null ? 1000 : interval.toMillis()) * Math.pow(factor, Math.max(0, nextAttempt - 2));
        long capped = (long) Math.min(millis, maxInterval == null ? Long.MAX_VALUE : maxInterval.toMillis());
        return Duration.ofMillis(capped);
    }
}
