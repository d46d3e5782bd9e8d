package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.time.DayOfWeek;

/** Holds when the date falls on the given day of the week. */
@Plugin(id = "io.millrace.core.condition.DayWeek",
    aliases = {"io.kestra.plugin.core.condition.DayWeek", "io.kestra.plugin.core.condition.DayWeekCondition",
        "io.kestra.core.models.conditions.types.DayWeekCondition"},
    title = "Match a day of the week (Schedule conditions).",
    example = """
        type: io.millrace.core.condition.DayWeek
        dayOfWeek: MONDAY
        """)
public final class DayWeekCondition extends DateCondition {

    @Prop(value = "The day of the week.", required = true)
    private DayOfWeek dayOfWeek;

    public DayOfWeek dayOfWeek() {
        return dayOfWeek;
    }
}
