package io.millrace.executor.triggers;

/** Names of the flow-trigger stream's state stores, nodes, and the time-ordered keys of its expiry index. */
final class TriggerStores {

    /** {@code executionId/taskRunId} → TaskRun, kept only until the execution ends. */
    static final String TASK_RUNS = "flow-triggers-taskruns";
    /** executionId → {@link PendingEnd}: ended executions waiting for task runs still on their way. */
    static final String PENDING_ENDS = "flow-triggers-pending-ends";
    /** executionId → {@link EndMark}: ends already evaluated, so that a repeated record is ignored. */
    static final String END_MARKS = "flow-triggers-end-marks";
    /** {@code dueMillis/executionId} → executionId: when each end mark expires. */
    static final String END_EXPIRIES = "flow-triggers-end-expiries";
    /** {@code namespace/flowId/triggerId} → TriggerWindows. */
    static final String WINDOWS = "flow-triggers-windows";
    /** Global: {@code flows} records as bytes. */
    static final String FLOWS = "flow-triggers-flows";

    static final String ENDS_NODE = "execution-ends";
    static final String WINDOWS_NODE = "trigger-windows";
    static final String COMMANDS_SINK = "sink-execution-commands";
    static final String WINDOWS_SINK = "sink-flow-trigger-windows";
    static final String DEAD_LETTERS_SINK = "sink-dead-letters";

    private TriggerStores() {
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
