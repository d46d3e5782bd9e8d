package io.millrace.model.condition;

import io.millrace.plugin.Plugin;

/** Holds when the date falls on a Saturday or a Sunday. */
@Plugin(id = "io.millrace.core.condition.Weekend",
    aliases = {"io.kestra.plugin.core.condition.Weekend", "io.kestra.plugin.core.condition.WeekendCondition",
        "io.kestra.core.models.conditions.types.WeekendCondition"},
    title = "Match Saturdays and Sundays (Schedule conditions).",
    example = """
        type: io.millrace.core.condition.Weekend
        """)
public final class WeekendCondition extends DateCondition {
}
