package io.millrace.model.retry;

import io.millrace.plugin.Prop;

import java.time.Duration;

/** Retries after the same {@code interval} each time. */
public record ConstantRetry(
    @Prop(value = "constant, exponential or random.", required = true) String type,
    @Prop("Wait before the next attempt (exponential: the first wait).") Duration interval,
    @Prop("Most attempts in all, the first included.") Integer maxAttempt,
    @Prop("Longest time from the first attempt's start to the start of the next attempt.") Duration maxDuration,
    @Prop("A task that succeeded after retries ends in WARNING.") Boolean warningOnRetry,
    @Prop("RETRY_FAILED_TASK (default): new attempts of the task; CREATE_NEW_EXECUTION: a new execution of the flow.") Behavior behavior
) implements Retry {

    @Override
    public Duration delayBefore(int nextAttempt, long seed) {
        return interval == null ? Duration.ZERO : interval;
    }
}
