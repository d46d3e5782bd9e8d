package io.millrace.model;

import io.millrace.plugin.Prop;
/** Routes a task to a group of workers; {@code fallback} says what to do when none is available. */
public record WorkerGroup(
    @Prop(value = "The worker group.", required = true) String key,
    @Prop("What happens when no worker of the group is up: FAIL, WAIT or CANCEL.") Fallback fallback
) {

    /** Behaviour when no worker of the group is up. */
    public enum Fallback { FAIL, WAIT, CANCEL }
}
