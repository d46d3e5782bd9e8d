package io.millrace.model.trigger;

import io.millrace.model.condition.Condition;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.plugin.Prop;
import io.millrace.serde.FieldBound;

import java.util.List;

/** Something that starts executions of a flow on its own: a schedule, a webhook, another flow's end. */
@FieldBound
public abstract class Trigger {

    @Prop(value = "Identifier of the trigger, unique within the flow.", required = true)
    protected String id;

    @Prop(value = "Type of the trigger.", required = true)
    protected String type;

    @Prop("Free text.")
    protected String description;

    @Prop("A disabled trigger starts nothing.")
    protected Boolean disabled;

    @Prop("Conditions that must all hold for the trigger to start an execution.")
    protected List<Condition> conditions;

    @Prop("Disable the trigger after an execution it started ends in one of these states.")
    protected List<ExecutionStatus> stopAfter;

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    public boolean isDisabled() {
        return Boolean.TRUE.equals(disabled);
    }

    public List<Condition> conditions() {
        return conditions == null ? List.of() : conditions;
    }

    public List<ExecutionStatus> stopAfter() {
        return stopAfter == null ? List.of() : stopAfter;
    }
}
