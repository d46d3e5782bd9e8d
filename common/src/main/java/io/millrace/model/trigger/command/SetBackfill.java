package io.millrace.model.trigger.command;

import io.millrace.model.Label;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Run a Schedule trigger's dates from {@code start} to {@code end} (null: now) now, replacing any backfill
 * in progress.
 */
public record SetBackfill(String namespace, String flowId, String triggerId, Instant start, Instant end,
                          Map<String, Object> inputs, List<Label> labels) implements TriggerCommand {
}
