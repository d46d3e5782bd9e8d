package io.millrace.model.trigger;

import io.millrace.plugin.Prop;

import java.time.Duration;
import java.util.Map;

/**
 * A trigger the scheduler fires at dates it computes itself ({@link Schedule}, {@link ScheduleOnDates}):
 * the properties they share about time zone, inputs and missed or late fires.
 */
public abstract class ScheduledTrigger extends Trigger {

    /** Which missed fires a restarted scheduler runs. */
    public enum RecoverMissedSchedules { ALL, LAST, NONE }

    @Prop("Time zone the dates are read in (default: UTC, or the zone the scheduler is configured with).")
    protected String timezone;

    @Prop("Inputs of the executions this trigger starts.")
    protected Map<String, Object> inputs;

    @Prop("Which fires missed while Millrace was stopped are run (default ALL).")
    protected RecoverMissedSchedules recoverMissedSchedules;

    @Prop("Skip a fire that is later than this.")
    protected Duration lateMaximumDelay;

    /** The time zone as written, or null for the scheduler's default. */
    public String timezone() {
        return timezone;
    }

    public Map<String, Object> inputs() {
        return inputs;
    }

    public RecoverMissedSchedules recoverMissedSchedules() {
        return recoverMissedSchedules == null ? RecoverMissedSchedules.ALL : recoverMissedSchedules;
    }

    public Duration lateMaximumDelay() {
        return lateMaximumDelay;
    }
}
