package io.millrace.model.trigger.command;

/**
 * Forget everything about a trigger (last fire, backfill, disabled, lock): the scheduler starts it afresh
 * from the flow's declaration, with its next date from now.
 */
public record ResetTrigger(String namespace, String flowId, String triggerId) implements TriggerCommand {
}
