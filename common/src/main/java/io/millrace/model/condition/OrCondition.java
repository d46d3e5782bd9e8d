package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.util.List;

/** Holds when at least one of its conditions holds. */
@Plugin(id = "io.millrace.core.condition.Or",
    aliases = {"io.kestra.plugin.core.condition.Or", "io.kestra.plugin.core.condition.OrCondition",
        "io.kestra.core.models.conditions.types.OrCondition"},
    title = "Match when any of the nested conditions matches (Schedule conditions).",
    example = """
        type: io.millrace.core.condition.Or
        conditions:
          - type: io.millrace.core.condition.DayWeek
            dayOfWeek: MONDAY
          - type: io.millrace.core.condition.Weekend
        """)
public final class OrCondition extends Condition {

    @Prop(value = "The conditions of which one must hold.", required = true)
    private List<Condition> conditions;

    public List<Condition> conditions() {
        return conditions == null ? List.of() : conditions;
    }
}
