package io.millrace.model.condition;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.millrace.plugin.Prop;

/** A test a trigger applies before it starts an execution. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE,
    setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
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
