package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.util.List;

/** Holds when none of its conditions holds. */
@Plugin(id = "io.millrace.core.condition.Not",
    aliases = {"io.kestra.plugin.core.condition.Not", "io.kestra.plugin.core.condition.NotCondition",
        "io.kestra.core.models.conditions.types.NotCondition"},
    title = "Match when none of the nested conditions matches (Schedule conditions).",
    example = """
        type: io.millrace.core.condition.Not
        conditions:
          - type: io.millrace.core.condition.DayWeek
            dayOfWeek: SUNDAY
        """)
public final class NotCondition extends Condition {

    @Prop(value = "The conditions that must all fail.", required = true)
    private List<Condition> conditions;

    public List<Condition> conditions() {
        return conditions == null ? List.of() : conditions;
    }
}
