package io.millrace.scheduler.kafka;

/** Names of the scheduler's stores, processors and sinks. */
final class SchedulerStores {

    /** Triggers by {@code namespace/flowId/triggerId} ({@link io.millrace.scheduler.schedule.HeldTrigger}). */
    static final String TRIGGERS = "scheduler-triggers";
    /** The due-time index of the triggers. */
    static final String DUE = "scheduler-due";
    /** The last tick of each task, to tell a downtime from a tick. */
    static final String TICKS = "scheduler-ticks";

    static final String TRIGGERS_NODE = "triggers";
    static final String ENDS_NODE = "execution-ends";

    static final String COMMANDS_SINK = "to-execution-commands";
    static final String STATES_SINK = "to-triggers";
    static final String EVALUATIONS_SINK = "to-trigger-evaluations";
    static final String TRIGGER_COMMANDS_SINK = "to-trigger-commands";
    static final String DEAD_LETTERS_SINK = "to-dead-letters";

    private SchedulerStores() {
    }
}
