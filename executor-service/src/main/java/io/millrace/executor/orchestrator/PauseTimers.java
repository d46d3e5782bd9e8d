package io.millrace.executor.orchestrator;

/** Plan keys the orchestrator keeps on a paused task run. */
final class PauseTimers {

    /** The state a pause ends in when its timeout elapses. */
    static final String ON_TIMEOUT = "onTimeout";

    private PauseTimers() {
    }
}
