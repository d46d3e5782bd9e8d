package io.millrace.scheduler.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The scheduler's meters: {@code millrace.scheduler.fires} (executions started by schedules and polling
 * triggers), {@code millrace.scheduler.lateness} (from a fire's scheduled date to its sending, a histogram)
 * and {@code millrace.scheduler.tick} (the time a tick takes, with what it fires).
 */
public final class SchedulerMetrics {

    private final Counter fires;
    private final Timer lateness;
    private final Timer tick;
    private final DistributionSummary firesPerTick;

    public SchedulerMetrics(MeterRegistry registry) {
        this.fires = Counter.builder("millrace.scheduler.fires").description("executions started by triggers")
            .register(registry);
        this.lateness = Timer.builder("millrace.scheduler.lateness")
            .description("time from a fire's scheduled date to its sending").publishPercentileHistogram()
            .register(registry);
        this.tick = Timer.builder("millrace.scheduler.tick").description("time taken by a tick of one stream task")
            .publishPercentileHistogram().register(registry);
        this.firesPerTick = DistributionSummary.builder("millrace.scheduler.tick.fires")
            .description("executions started by one tick of one stream task").register(registry);
    }

    /** Meters that go nowhere. */
    public static SchedulerMetrics none() {
        return new SchedulerMetrics(new CompositeMeterRegistry());
    }

    /** A start was sent at {@code nowMillis}; its trigger variables may carry the scheduled {@code date}. */
    void fired(Map<String, Object> variables, long nowMillis) {
        fires.increment();
        Object date = variables == null ? null : variables.get("date");
        if (date instanceof String text) {
            try {
                long scheduled = OffsetDateTime.parse(text).toInstant().toEpochMilli();
                lateness.record(Duration.ofMillis(Math.max(0, nowMillis - scheduled)));
            } catch (DateTimeParseException e) {
                // not a schedule's date: no lateness to speak of
            }
        }
    }

    void ticked(long nanos, int fired) {
        tick.record(Duration.ofNanos(nanos));
        firesPerTick.record(fired);
    }
}
