package io.millrace.executor.kafka;

/** Names of the executor's state stores and of its topology's nodes. */
final class Stores {

    static final String HEADERS = "execution-headers";
    static final String TASK_RUNS = "execution-taskruns";
    static final String TIMERS = "execution-timers";
    static final String EVICTIONS = "execution-evictions";
    static final String PENDING = "pending-creations";
    static final String HELD = "held-attempts";
    static final String HELD_BY_WORKER = "held-attempts-by-worker";
    static final String DEAD_INCARNATIONS = "dead-incarnations";
    static final String SLOTS = "concurrency-slots";
    static final String FLOWS = "flow-revisions";

    private Stores() {
    }

    /** A time-ordered key: epoch millis, zero-padded so that string order is time order. */
    static String dueKey(long epochMillis, String suffix) {
        return String.format("%016d", Math.max(0, epochMillis)) + "/" + suffix;
    }

    /** The upper bound of the keys due at {@code epochMillis}. */
    static String dueUntil(long epochMillis) {
        return String.format("%016d", Math.max(0, epochMillis)) + "/\uffff";
    }
}
