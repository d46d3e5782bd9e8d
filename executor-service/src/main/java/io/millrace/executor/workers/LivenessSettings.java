package io.millrace.executor.workers;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the dead-worker detector ({@code millrace.executor.dead-workers.*}).
 *
 * @param confirmation     how long a worker whose partitions all went to newer generations may take to
 *                         announce itself in that generation before it is declared dead (a live worker left
 *                         with no partition announces at once)
 * @param livenessTimeout  how long a worker may send no heartbeat before it is declared dead (the signal
 *                         for the last worker of a group, which no other worker overlaps)
 * @param checkInterval    how often the detector checks suspects and heartbeats
 * @param memory           how long a dead incarnation is remembered, so that its late records are recognised
 */
public record LivenessSettings(
    @DefaultValue("2s") Duration confirmation,
    @DefaultValue("30s") Duration livenessTimeout,
    @DefaultValue("250ms") Duration checkInterval,
    @DefaultValue("24h") Duration memory
) {

    /** Every default. */
    public static final LivenessSettings DEFAULTS = new LivenessSettings(Duration.ofSeconds(2),
        Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofHours(24));

    public LivenessSettings {
        confirmation = confirmation == null ? Duration.ofSeconds(2) : confirmation;
        livenessTimeout = livenessTimeout == null ? Duration.ofSeconds(30) : livenessTimeout;
        checkInterval = checkInterval == null ? Duration.ofMillis(250) : checkInterval;
        memory = memory == null ? Duration.ofHours(24) : memory;
    }
}
