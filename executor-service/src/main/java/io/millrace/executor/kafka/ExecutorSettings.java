package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.workers.LivenessSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the executor ({@code millrace.executor.*}).
 *
 * @param punctuation         how often due timers (pauses, retries, timeouts) are checked
 * @param terminalRetention   how long an ended execution stays in the executor's store (restarts
 *                            and replays within that time need nothing else; the topics keep it anyway)
 * @param cacheSize           executions kept parsed in memory per stream task
 * @param flowWait            how long a creation for a flow revision not yet received waits for it
 * @param streamThreads       Kafka Streams threads of this executor
 * @param deadWorkers         the dead-worker detector ({@code millrace.executor.dead-workers.*})
 * @param maxSubflowDepth     how deep subflows may nest: a Subflow task that would start an execution
 *                            deeper than this (a root execution is at depth 0) fails instead
 */
@ConfigurationProperties("millrace.executor")
public record ExecutorSettings(
    @DefaultValue("200ms") Duration punctuation,
    @DefaultValue("1h") Duration terminalRetention,
    @DefaultValue("10000") int cacheSize,
    @DefaultValue("30s") Duration flowWait,
    @DefaultValue("2") int streamThreads,
    @DefaultValue @NestedConfigurationProperty LivenessSettings deadWorkers,
    @DefaultValue("10") int maxSubflowDepth
) {

    public ExecutorSettings {
        if (deadWorkers == null) {
            deadWorkers = LivenessSettings.DEFAULTS;
        }
        if (maxSubflowDepth < 0) {
            throw new IllegalArgumentException("millrace.executor.max-subflow-depth must be 0 or more, not "
                + maxSubflowDepth);
        }
    }

    /** The defaults, for code that runs without Spring. */
    public static ExecutorSettings defaults() {
        return new ExecutorSettings(Duration.ofMillis(200), Duration.ofHours(1), 10_000, Duration.ofSeconds(30), 2,
            LivenessSettings.DEFAULTS, Orchestrator.DEFAULT_MAX_SUBFLOW_DEPTH);
    }

    /** These settings with another dead-worker detector configuration. */
    public ExecutorSettings withDeadWorkers(LivenessSettings detector) {
        return new ExecutorSettings(punctuation, terminalRetention, cacheSize, flowWait, streamThreads, detector,
            maxSubflowDepth);
    }
}
