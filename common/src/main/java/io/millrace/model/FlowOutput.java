package io.millrace.model;

import io.millrace.plugin.Prop;
import io.millrace.model.input.InputType;

/** A value a flow exposes when an execution ends, rendered from its tasks' outputs. */
public record FlowOutput(
    @Prop(value = "Name of the output.", required = true) String id,
    @Prop("Type the rendered value is converted to (as for inputs).") InputType type,
    @Prop(value = "The value, usually a template over the tasks' outputs.", required = true, dynamic = true) Object value,
    @Prop("Free text.") String description,
    @Prop("The output must have a value.") Boolean required
) {
}
