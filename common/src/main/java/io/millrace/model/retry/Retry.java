package io.millrace.model.retry;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Duration;
import java.time.Instant;

/**
 * How a failed task (or a failed execution, at flow level) is tried again.
 * {@code maxAttempt} counts every attempt including the first; {@code maxDuration} bounds the time
 * from the first attempt's start to the start of the next one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = ConstantRetry.class, name = "constant"),
    @JsonSubTypes.Type(value = ExponentialRetry.class, name = "exponential"),
    @JsonSubTypes.Type(value = RandomRetry.class, name = "random")
})
public sealed interface Retry permits ConstantRetry, ExponentialRetry, RandomRetry {

    /** Whether retries run the failed task again or start a new execution of the flow. */
    enum Behavior { RETRY_FAILED_TASK, CREATE_NEW_EXECUTION }

    /** The type name as written in YAML ({@code constant}, {@code exponential}, {@code random}). */
    String type();

    Integer maxAttempt();

    Duration maxDuration();

    Boolean warningOnRetry();

    Behavior behavior();

    /** The wait before attempt number {@code nextAttempt} (2 for the first retry). */
    Duration delayBefore(int nextAttempt, long seed);

    /** The behaviour, RETRY_FAILED_TASK when not set. */
    default Behavior effectiveBehavior() {
        return behavior() == null ? Behavior.RETRY_FAILED_TASK : behavior();
    }

    /**
     * When attempt number {@code nextAttempt} should start, or null when the policy is used up.
     *
     * @param firstStart when the first attempt started
     * @param now        when the last attempt failed
     * @param seed       a stable value (e.g. a hash of the task run id) so random delays are reproducible
     */
    default Instant nextAttemptAt(int nextAttempt, Instant firstStart, Instant now, long seed) {
        if (maxAttempt() != null && nextAttempt > maxAttempt()) {
            return null;
        }
        Instant at = now.plus(delayBefore(nextAttempt, seed));
        if (maxDuration() != null && firstStart != null && at.isAfter(firstStart.plus(maxDuration()))) {
            return null;
        }
        return at;
    }

    /** Whether a task that succeeded after retries ends in WARNING. */
    default boolean isWarningOnRetry() {
        return Boolean.TRUE.equals(warningOnRetry());
    }
}
