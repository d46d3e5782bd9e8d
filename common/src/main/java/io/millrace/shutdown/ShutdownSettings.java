package io.millrace.shutdown;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a Millrace process may take to stop ({@code millrace.shutdown.*}); see
 * {@code docs/configuration.md}. The waits of its parts are shares of it, so that together they fit:
 * a worker waits for its running attempts half of it unless {@code millrace.worker.shutdown-grace} says
 * otherwise, each Kafka Streams application gets a quarter of it to close (an executor runs three), and
 * the web server a tenth of it for the requests in flight. A process still running when it is over exits anyway.
 *
 * @param gracePeriod from the stop signal (SIGTERM, Ctrl-C) to the moment the process exits whatever
 *                    it is still doing; Kubernetes' default {@code terminationGracePeriodSeconds} is 30 s
 */
@ConfigurationProperties("millrace.shutdown")
public record ShutdownSettings(@DefaultValue("30s") Duration gracePeriod) {

    /** The default grace period: Kubernetes' default termination grace period. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

    /** The settings of a process that sets nothing. */
    public static final ShutdownSettings DEFAULTS = new ShutdownSettings(DEFAULT_GRACE_PERIOD);

    public ShutdownSettings {
        if (gracePeriod == null) {
            gracePeriod = DEFAULT_GRACE_PERIOD;
        }
        if (gracePeriod.isNegative() || gracePeriod.isZero()) {
            throw new IllegalArgumentException("millrace.shutdown.grace-period must be positive, not " + gracePeriod);
        }
    }

    /**
     * How long each Kafka Streams application of the process may take to close: a quarter of the grace
     * period, so that the executor's three (executions, dead-worker detector, flow triggers), closed one
     * after the other, fit in it with time to spare.
     */
    public Duration streamsCloseTimeout() {
        return gracePeriod.dividedBy(4);
    }

    /**
     * How long the web server waits for the requests in flight (Spring's
     * {@code spring.lifecycle.timeout-per-shutdown-phase}): a tenth of the grace period. Live follows
     * never end on their own, so they are cut then.
     */
    public Duration webRequestsWait() {
        return gracePeriod.dividedBy(10);
    }
}
