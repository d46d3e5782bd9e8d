package io.millrace.model.trigger.command;

/** Drop the backfill in progress of a trigger; the dates it did not fire yet are not fired. */
public record DeleteBackfill(String namespace, String flowId, String triggerId) implements TriggerCommand {
}
