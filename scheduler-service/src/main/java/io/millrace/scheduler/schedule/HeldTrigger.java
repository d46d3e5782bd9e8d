package io.millrace.scheduler.schedule;

import io.millrace.model.trigger.TriggerState;

import java.util.Map;

/**
 * One trigger the scheduler owns, as its store keeps it: the state it publishes, and the trigger as the
 * flow revision declares it (JSON, plugin defaults applied), so that a tick needs no flow parsing.
 */
public record HeldTrigger(TriggerState state, Map<String, Object> definition) {

    public String key() {
        return state.key();
    }

    /** The same declaration with another state. */
    public HeldTrigger with(TriggerState next) {
        return new HeldTrigger(next, definition);
    }
}
