package io.millrace.model.trigger;

import io.millrace.model.Label;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Past dates of a schedule to run now, from {@code start} to {@code end}, set through the API (or a
 * Schedule's {@code backfill} property). The scheduler fires them in order beside the live schedule, each
 * execution labelled as a backfill; a paused backfill keeps its place.
 *
 * @param start       the first date to run (inclusive)
 * @param end         the last date to run (inclusive; null: up to when the backfill was set)
 * @param currentDate the next date the backfill fires (advances as it runs; after {@code end} it is over)
 * @param inputs      inputs of the backfilled executions (null: the trigger's own)
 * @param labels      labels added to the backfilled executions
 * @param paused      whether a user paused it
 * @param created     when it was set
 */
public record TriggerBackfill(Instant start, Instant end, Instant currentDate, Map<String, Object> inputs,
                              List<Label> labels, boolean paused, Instant created) {

    /** The same backfill, paused or resumed. */
    public TriggerBackfill paused(boolean paused) {
        return new TriggerBackfill(start, end, currentDate, inputs, labels, paused, created);
    }

    /** The same backfill, its next date moved on. */
    public TriggerBackfill at(Instant currentDate) {
        return new TriggerBackfill(start, end, currentDate, inputs, labels, paused, created);
    }

    /** Whether every date has been fired. */
    public boolean over() {
        return currentDate == null || (end != null && currentDate.isAfter(end));
    }
}
