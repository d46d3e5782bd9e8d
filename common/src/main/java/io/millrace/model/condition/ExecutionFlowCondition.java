package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

/** Holds when the ending execution belongs to the given flow. */
@Plugin(id = "io.millrace.core.condition.ExecutionFlow",
    aliases = {"io.kestra.plugin.core.condition.ExecutionFlow",
        "io.kestra.plugin.core.condition.ExecutionFlowCondition",
        "io.kestra.core.models.conditions.types.ExecutionFlowCondition"},
    title = "Match the flow of the execution that triggers.",
    example = """
        type: io.millrace.core.condition.ExecutionFlow
        namespace: company.data
        flowId: ingest
        """)
public final class ExecutionFlowCondition extends Condition {

    @Prop(value = "Namespace of the flow.", required = true)
    private String namespace;

    @Prop(value = "Id of the flow.", required = true)
    private String flowId;

    public String namespace() {
        return namespace;
    }

    public String flowId() {
        return flowId;
    }
}
