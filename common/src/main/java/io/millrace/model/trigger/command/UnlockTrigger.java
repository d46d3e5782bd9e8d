package io.millrace.model.trigger.command;

/** Forget the evaluation a worker was doing for a polling trigger, so that the next one is sent at its date. */
public record UnlockTrigger(String namespace, String flowId, String triggerId) implements TriggerCommand {
}
