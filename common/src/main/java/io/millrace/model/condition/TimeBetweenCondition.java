package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

/**
 * Holds when the time of day of the date lies strictly between {@code after} and {@code before}; a
 * window whose {@code after} is later than its {@code before} spans midnight.
 */
@Plugin(id = "io.millrace.core.condition.TimeBetween",
    aliases = {"io.kestra.plugin.core.condition.TimeBetween", "io.kestra.plugin.core.condition.TimeBetweenCondition",
        "io.kestra.core.models.conditions.types.TimeBetweenCondition"},
    title = "Match a time-of-day window (Schedule conditions).",
    example = """
        type: io.millrace.core.condition.TimeBetween
        after: "08:00:00"
        before: "18:00:00"
        """)
public final class TimeBetweenCondition extends DateCondition {

    @Prop("The time must be later than this one (ISO-8601, e.g. 08:00:00, or 08:00:00+02:00 to read the date at that offset).")
    private String after;

    @Prop("The time must be earlier than this one (same format as after).")
    private String before;

    public String after() {
        return after;
    }

    public String before() {
        return before;
    }
}
