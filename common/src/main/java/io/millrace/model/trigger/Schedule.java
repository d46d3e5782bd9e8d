package io.millrace.model.trigger;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;

/** Starts executions on a cron schedule. */
@Plugin(id = "io.millrace.core.trigger.Schedule",
    aliases = {"io.kestra.plugin.core.trigger.Schedule", "io.kestra.core.models.triggers.types.Schedule"},
    title = "Start an execution on a cron schedule.",
    example = """
        id: daily
        type: io.millrace.core.trigger.Schedule
        cron: "0 9 * * MON-FRI"
        timezone: Europe/Paris
        """)
public final class Schedule extends Trigger {

    /** Which missed fires a restarted scheduler runs. */
    public enum RecoverMissedSchedules { ALL, LAST, NONE }

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

    @Prop("Time zone the cron expression is read in (default: the server's).")
    private String timezone;

    @Prop("Inputs of the executions this trigger starts.")
    private Map<String, Object> inputs;

    @Prop("Past fires to run once, from a start date.")
    private Backfill backfill;

    @Prop("Which fires missed while Millrace was stopped are run (default ALL).")
    private RecoverMissedSchedules recoverMissedSchedules;

    @Prop("Skip a fire that is later than this.")
    private Duration lateMaximumDelay;

    public String cron() {
        return cron;
    }

    public boolean isWithSeconds() {
        return Boolean.TRUE.equals(withSeconds);
    }

    public String timezone() {
        return timezone;
    }

    public Map<String, Object> inputs() {
        return inputs;
    }

    public Backfill backfill() {
        return backfill;
    }

    public RecoverMissedSchedules recoverMissedSchedules() {
        return recoverMissedSchedules == null ? RecoverMissedSchedules.ALL : recoverMissedSchedules;
    }

    public Duration lateMaximumDelay() {
        return lateMaximumDelay;
    }
}
