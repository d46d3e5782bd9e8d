package io.millrace.model.trigger;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.util.Map;

/** Starts an execution when another execution ends and the conditions hold. */
@Plugin(id = "io.millrace.core.trigger.Flow",
    aliases = {"io.kestra.plugin.core.trigger.Flow", "io.kestra.core.models.triggers.types.Flow"},
    title = "Start an execution when another flow's execution ends.",
    example = """
        id: after-ingest
        type: io.millrace.core.trigger.Flow
        conditions:
          - type: io.millrace.core.condition.ExecutionFlow
            namespace: company.data
            flowId: ingest
          - type: io.millrace.core.condition.ExecutionStatus
            in: [SUCCESS]
        """)
public final class FlowTrigger extends Trigger {

    @Prop(value = "Inputs of the started execution, rendered against the ending execution (outputs, id, flow).", dynamic = true)
    private Map<String, Object> inputs;

    public Map<String, Object> inputs() {
        return inputs;
    }
}
