package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

/** Holds when the date lies between {@code after} and {@code before}, both included. */
@Plugin(id = "io.millrace.core.condition.DateTimeBetween",
    aliases = {"io.kestra.plugin.core.condition.DateTimeBetween",
        "io.kestra.plugin.core.condition.DateTimeBetweenCondition",
        "io.kestra.core.models.conditions.types.DateTimeBetweenCondition"},
    title = "Match dates within a period (Schedule conditions).",
    example = """
        type: io.millrace.core.condition.DateTimeBetween
        after: 2026-01-01T00:00:00Z
        before: 2026-12-31T23:59:59Z
        """)
public final class DateTimeBetweenCondition extends DateCondition {

    @Prop("The date must not be earlier than this one (ISO-8601 date-time; without an offset, in the trigger's time zone).")
    private String after;

    @Prop("The date must not be later than this one (same format as after).")
    private String before;

    public String after() {
        return after;
    }

    public String before() {
        return before;
    }
}
