package io.millrace.executor.orchestrator;

import java.time.Instant;

/**
 * A wake-up the orchestrator asks for. Timers are never cancelled: when one comes due, its handler
 * checks that what it was set for still holds (same attempt, still paused…) and otherwise does nothing.
 *
 * @param taskRunId the task run concerned, null for execution-level timers
 * @param attempt   the attempt number the timer was set for (retries and timeouts), else 0
 */
public record Timer(String executionId, Kind kind, String taskRunId, int attempt, Instant dueAt) {

    /** What a timer is for. */
    public enum Kind {
        /** A scheduled execution may start. */
        START,
        /** A task run waiting to retry starts its next attempt. */
        RETRY,
        /** An attempt ran past its task's timeout without a result. */
        TASK_TIMEOUT,
        /** A Pause's delay elapsed: it resumes. */
        PAUSE_RESUME,
        /** A Pause's timeout elapsed. */
        PAUSE_TIMEOUT,
        /** A flowable asked to be resolved again (WaitFor intervals). */
        WAKE,
        /** A failed execution restarts its failed tasks (flow-level retry). */
        FLOW_RETRY
    }

    /** A key that identifies the timer, so the same timer set twice is kept once. */
    public String key() {
        return executionId + "/" + kind + "/" + taskRunId + "/" + attempt;
    }
}
