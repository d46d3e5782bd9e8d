package io.millrace.model.execution;

import java.util.Map;

/** What started an execution: a trigger id and type and the variables it exposes as {@code trigger.*}. */
public record ExecutionTrigger(String id, String type, Map<String, Object> variables) {
}
