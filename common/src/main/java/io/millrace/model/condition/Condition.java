package io.millrace.model.condition;

import io.millrace.plugin.Prop;
import io.millrace.serde.FieldBound;

/** A test a trigger applies before it starts an execution. */
@FieldBound
public abstract class Condition {

    @Prop(value = "Type of the condition.", required = true)
    protected String type;

    @Prop("Optional identifier.")
    protected String id;

    public String type() {
        return type;
    }

    public String id() {
        return id;
    }
}
