package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.time.DayOfWeek;

/** Holds when the date is the first, second, third, fourth or last given day of the week of its month. */
@Plugin(id = "io.millrace.core.condition.DayWeekInMonth",
    aliases = {"io.kestra.plugin.core.condition.DayWeekInMonth", "io.kestra.plugin.core.condition.DayWeekInMonthCondition",
        "io.kestra.core.models.conditions.types.DayWeekInMonthCondition"},
    title = "Match the first, second… or last given day of the week of a month (Schedule conditions).",
    example = """
        type: io.millrace.core.condition.DayWeekInMonth
        dayOfWeek: MONDAY
        dayInMonth: FIRST
        """)
public final class DayWeekInMonthCondition extends DateCondition {

    /** Which of the month's days of that kind. */
    public enum DayInMonth { FIRST, SECOND, THIRD, FOURTH, LAST }

    @Prop(value = "The day of the week.", required = true)
    private DayOfWeek dayOfWeek;

    @Prop(value = "Which of the month's days of that kind.", required = true)
    private DayInMonth dayInMonth;

    public DayOfWeek dayOfWeek() {
        return dayOfWeek;
    }

    public DayInMonth dayInMonth() {
        return dayInMonth;
    }
}
