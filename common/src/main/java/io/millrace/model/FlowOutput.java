package io.millrace.model;

import io.millrace.model.input.InputType;

/** A value a flow exposes when an execution ends, rendered from its tasks' outputs. */
public record FlowOutput(String id, InputType type, Object value, String description, Boolean required) {
}
