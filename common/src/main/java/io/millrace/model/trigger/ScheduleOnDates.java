package io.millrace.model.trigger;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.util.List;

/** Starts an execution at each of a list of dates (see {@code docs/triggers.md}). */
@Plugin(id = "io.millrace.core.trigger.ScheduleOnDates",
    aliases = {"io.kestra.plugin.core.trigger.ScheduleOnDates"},
    title = "Start an execution at each of a list of dates.",
    example = """
        id: closings
        type: io.millrace.core.trigger.ScheduleOnDates
        timezone: Europe/Paris
        dates:
          - 2026-03-31T18:00:00
          - 2026-06-30T18:00:00+02:00
        """)
public final class ScheduleOnDates extends ScheduledTrigger {

    @Prop(value = "The dates to fire at: ISO-8601 date-times, with an offset or zone, or without one to be read in timezone.",
        required = true)
    private List<String> dates;

    public List<String> dates() {
        return dates == null ? List.of() : dates;
    }
}
