package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

/** Holds when its expression renders truthy over the trigger's variables ({@code trigger.*}, {@code flow.*}). */
@Plugin(id = "io.millrace.core.condition.Expression",
    aliases = {"io.kestra.plugin.core.condition.Expression",
        "io.kestra.plugin.core.condition.ExpressionCondition",
        "io.kestra.core.models.conditions.types.ExpressionCondition"},
    title = "Match when an expression over the trigger's variables renders truthy.",
    example = """
        type: io.millrace.core.condition.Expression
        expression: "{{ trigger.body.action == 'opened' }}"
        """)
public final class ExpressionCondition extends Condition {

    @Prop(value = "Rendered over trigger.* and flow.*; the condition holds unless it renders false, 0 or nothing.",
        required = true, dynamic = true)
    private String expression;

    public String expression() {
        return expression;
    }
}
