package io.millrace.model.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The waits and limits of the three retry policies. */
class RetryTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void constantWaitsTheSameUntilMaxAttempt() {
        Retry r = new ConstantRetry("constant", Duration.ofSeconds(5), 3, null, null, null);

        assertThat(r.nextAttemptAt(2, START, START, 1)).isEqualTo(START.plusSeconds(5));
        assertThat(r.nextAttemptAt(3, START, START.plusSeconds(10), 1)).isEqualTo(START.plusSeconds(15));
        assertThat(r.nextAttemptAt(4, START, START.plusSeconds(20), 1)).isNull();
    }

    @Test
    void exponentialMultipliesUpToMaxInterval() {
        Retry r = new ExponentialRetry("exponential", Duration.ofSeconds(1), Duration.ofSeconds(5), 3.0, 10, null, null, null);

        assertThat(r.delayBefore(2, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.delayBefore(3, 0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.delayBefore(4, 0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void randomStaysWithinItsBoundsAndIsReproducible() {
        Retry r = new RandomRetry("random", Duration.ofSeconds(10), Duration.ofSeconds(20), null, null, null, null);

        for (int attempt = 2; attempt < 50; attempt++) {
            Duration d = r.delayBefore(attempt, 42);
            assertThat(d).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
            assertThat(r.delayBefore(attempt, 42)).isEqualTo(d);
        }
    }

    @Test
    void maxDurationStopsRetriesThatWouldStartTooLate() {
        Retry r = new ConstantRetry("constant", Duration.ofSeconds(10), null, Duration.ofSeconds(25), null, null);

        assertThat(r.nextAttemptAt(2, START, START.plusSeconds(14), 1)).isEqualTo(START.plusSeconds(24));
        assertThat(r.nextAttemptAt(3, START, START.plusSeconds(16), 1)).isNull();
    }

    @Test
    void behaviourDefaultsToRetryingTheTask() {
        assertThat(new ConstantRetry("constant", null, 2, null, null, null).effectiveBehavior())
            .isEqualTo(Retry.Behavior.RETRY_FAILED_TASK);
    }
}
