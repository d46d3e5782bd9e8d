package io.millrace.model.trigger.command;

/**
 * Disable or enable a trigger. Dates that pass while it is disabled are missed dates: on enabling, the
 * Schedule's {@code recoverMissedSchedules} says which of them fire.
 */
public record SetTriggerDisabled(String namespace, String flowId, String triggerId, boolean disabled)
    implements TriggerCommand {
}
