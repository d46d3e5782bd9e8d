package io.millrace.model.condition;

import io.millrace.model.Label;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.serde.LabelsDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/** Holds when the ending execution carries every one of the given labels. */
@Plugin(id = "io.millrace.core.condition.ExecutionLabels",
    aliases = {"io.kestra.plugin.core.condition.ExecutionLabels",
        "io.kestra.plugin.core.condition.ExecutionLabelsCondition"},
    title = "Match labels of the execution that triggers.",
    example = """
        type: io.millrace.core.condition.ExecutionLabels
        labels:
          team: data
        """)
public final class ExecutionLabelsCondition extends Condition {

    @Prop(value = "Labels that must all be present (a map or a list of key/value).", required = true)
    @JsonDeserialize(using = LabelsDeserializer.class)
    private List<Label> labels;

    public List<Label> labels() {
        return labels;
    }
}
