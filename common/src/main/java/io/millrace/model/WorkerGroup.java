package io.millrace.model;

/** Routes a task to a group of workers; {@code fallback} says what to do when none is available. */
public record WorkerGroup(String key, Fallback fallback) {

    /** Behaviour when no worker of the group is up. */
    public enum Fallback { FAIL, WAIT, CANCEL }
}
