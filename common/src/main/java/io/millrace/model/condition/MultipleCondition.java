package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.time.Duration;
import java.util.Map;

/**
 * Holds when each named condition has matched some execution within one time window, so a
 * flow can start after several others all succeeded the same day.
 */
@Plugin(id = "io.millrace.core.condition.MultipleCondition",
    aliases = {"io.kestra.plugin.core.condition.MultipleCondition",
        "io.kestra.core.models.conditions.types.MultipleCondition"},
    title = "Match when several conditions each matched an execution within a window.",
    example = """
        type: io.millrace.core.condition.MultipleCondition
        id: both-loaded
        window: P1D
        conditions:
          a:
            type: io.millrace.core.condition.ExecutionFlow
            namespace: company.data
            flowId: load-a
          b:
            type: io.millrace.core.condition.ExecutionFlow
            namespace: company.data
            flowId: load-b
        """)
public final class MultipleCondition extends Condition {

    @Prop("Length of the window (default P1D).")
    private Duration window;

    @Prop("Offset of the window start from midnight (default P0D).")
    private Duration windowAdvance;

    @Prop(value = "The named conditions that must all match within the window.", required = true)
    private Map<String, Condition> conditions;

    public Duration window() {
        return window == null ? Duration.ofDays(1) : window;
    }

    public Duration windowAdvance() {
        return windowAdvance == null ? Duration.ZERO : windowAdvance;
    }

    public Map<String, Condition> conditions() {
        return conditions;
    }
}
