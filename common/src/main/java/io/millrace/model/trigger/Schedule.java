package io.millrace.model.trigger;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.time.ZonedDateTime;
import java.util.Map;

/** Starts executions on a cron schedule (see {@code docs/triggers.md}). */
@Plugin(id = "io.millrace.core.trigger.Schedule",
    aliases = {"io.kestra.plugin.core.trigger.Schedule", "io.kestra.core.models.triggers.types.Schedule"},
    title = "Start an execution on a cron schedule.",
    example = """
        id: daily
        type: io.millrace.core.trigger.Schedule
        cron: "0 9 * * MON-FRI"
        timezone: Europe/Paris
        """)
public final class Schedule extends ScheduledTrigger {

    /** Runs the schedule's past fires from {@code start} (to {@code end}) once deployed. */
    public record Backfill(
        @Prop(value = "First date to run.", required = true) ZonedDateTime start,
        @Prop("Last date to run (default: now).") ZonedDateTime end,
        @Prop("Inputs of the backfilled executions.") Map<String, Object> inputs
    ) {
    }

    @Prop(value = "Cron expression (5 fields, or 6 with seconds when withSeconds is true; @daily, @hourly… accepted).", required = true)
    private String cron;

    @Prop("The cron expression has a leading seconds field.")
    private Boolean withSeconds;

    @Prop("Past fires to run once, from a start date.")
    private Backfill backfill;

    public String cron() {
        return cron;
    }

    public boolean isWithSeconds() {
        return Boolean.TRUE.equals(withSeconds);
    }

    public Backfill backfill() {
        return backfill;
    }
}
