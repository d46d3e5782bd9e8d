package io.millrace.model;

/** How many executions of a flow may run at once, and what happens to the ones over the limit. */
public record Concurrency(Integer limit, Behavior behavior) {

    /** What happens to an execution that would exceed the limit. */
    public enum Behavior { QUEUE, CANCEL, FAIL }

    /** The behaviour, QUEUE when not set. */
    public Behavior effectiveBehavior() {
        return behavior == null ? Behavior.QUEUE : behavior;
    }
}
