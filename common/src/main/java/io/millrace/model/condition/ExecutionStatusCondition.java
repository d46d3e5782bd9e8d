package io.millrace.model.condition;

import io.millrace.model.execution.ExecutionStatus;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.util.List;

/** Holds when the ending execution's state is in {@code in} and not in {@code notIn}. */
@Plugin(id = "io.millrace.core.condition.ExecutionStatus",
    aliases = {"io.kestra.plugin.core.condition.ExecutionStatus",
        "io.kestra.plugin.core.condition.ExecutionStatusCondition",
        "io.kestra.core.models.conditions.types.ExecutionStatusCondition"},
    title = "Match the end state of the execution that triggers.",
    example = """
        type: io.millrace.core.condition.ExecutionStatus
        in: [SUCCESS, WARNING]
        """)
public final class ExecutionStatusCondition extends Condition {

    @Prop("States that match.")
    private List<ExecutionStatus> in;

    @Prop("States that do not match.")
    private List<ExecutionStatus> notIn;

    public List<ExecutionStatus> in() {
        return in;
    }

    public List<ExecutionStatus> notIn() {
        return notIn;
    }
}
