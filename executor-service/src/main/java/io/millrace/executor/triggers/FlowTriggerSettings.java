package io.millrace.executor.triggers;

import java.time.Duration;

/**
 * Timing of the flow-trigger stream.
 *
 * @param settleGrace how long an ended execution may wait for task runs still on their way before
 *                    its triggers are evaluated with what arrived
 * @param punctuation how often waiting ends and expired end marks are looked at (wall clock)
 * @param endRetention how long an evaluated end is remembered, so that a repeated record of it is
 *                     ignored, and how long the task runs of a FAILED or KILLED end are kept for a
 *                     restart (other ends forget them at once)
 */
public record FlowTriggerSettings(Duration settleGrace, Duration punctuation, Duration endRetention) {

    /** 10 s to settle, a look every 5 s, ends remembered 7 days (the retention of {@code executions}). */
    public static final FlowTriggerSettings DEFAULTS =
        new FlowTriggerSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofDays(7));
}
