package io.millrace.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of the scheduler ({@code millrace.scheduler.*}).
 *
 * @param tick               how often each stream task looks for due triggers (wall clock)
 * @param streamThreads      Kafka Streams threads of this scheduler
 * @param timezone           the time zone of schedules that name none
 * @param downtimeAfter      when a stream task starts, a time since its partition's last tick longer than this is
 *                           downtime (the partition had no live owner): the dates that passed meanwhile are
 *                           missed dates, and each trigger's {@code recoverMissedSchedules} says which of them
 *                           fire (a pause of a task that kept running is never downtime)
 * @param maxFiresPerTick    fires of one trigger in one tick at most (a long list of missed dates is spread
 *                           over ticks rather than written in one transaction)
 * @param evaluationTimeout  how long a polling trigger stays locked waiting for a worker's answer before the
 *                           evaluation is taken as lost and sent again
 * @param commitInterval     how often the scheduler commits its transaction (fires are visible to the executor
 *                           only then); the executor's 10 ms would cost the scheduler CPU for nothing
 * @param cachedTriggers     trigger declarations kept bound in memory (the rest are bound again when due)
 */
@ConfigurationProperties("millrace.scheduler")
public record SchedulerSettings(
    @DefaultValue("200ms") Duration tick,
    @DefaultValue("2") int streamThreads,
    @DefaultValue("UTC") ZoneId timezone,
    @DefaultValue("5s") Duration downtimeAfter,
    @DefaultValue("100") int maxFiresPerTick,
    @DefaultValue("3m") Duration evaluationTimeout,
    @DefaultValue("100ms") Duration commitInterval,
    @DefaultValue("50000") int cachedTriggers
) {

    /** The defaults, for code that runs without Spring. */
    public static final SchedulerSettings DEFAULTS = new SchedulerSettings(Duration.ofMillis(200), 2, ZoneId.of("UTC"),
        Duration.ofSeconds(5), 100, Duration.ofMinutes(3), Duration.ofMillis(100), 50_000);

    public SchedulerSettings {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("millrace.scheduler.tick must be positive");
        }
        if (commitInterval == null) {
            commitInterval = Duration.ofMillis(100);
        }
        if (cachedTriggers < 1) {
            cachedTriggers = 50_000;
        }
        if (maxFiresPerTick < 1) {
            throw new IllegalArgumentException("millrace.scheduler.max-fires-per-tick must be at least 1");
        }
    }
}
