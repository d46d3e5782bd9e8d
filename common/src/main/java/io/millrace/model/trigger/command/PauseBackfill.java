package io.millrace.model.trigger.command;

/** Pause ({@code paused} true) or resume the backfill in progress of a trigger. */
public record PauseBackfill(String namespace, String flowId, String triggerId, boolean paused)
    implements TriggerCommand {
}
