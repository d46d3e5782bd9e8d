package io.millrace.model;

import io.millrace.plugin.Prop;
/** How many executions of a flow may run at once, and what happens to the ones over the limit. */
public record Concurrency(
    @Prop(value = "How many executions of the flow may run at once.", required = true) Integer limit,
    @Prop("What happens to one over the limit: QUEUE (default), CANCEL or FAIL.") Behavior behavior
) {

    /** What happens to an execution that would exceed the limit. */
    public enum Behavior { QUEUE, CANCEL, FAIL }

    /** The behaviour, QUEUE when not set. */
    public Behavior effectiveBehavior() {
        return behavior == null ? Behavior.QUEUE : behavior;
    }
}
