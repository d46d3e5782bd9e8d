package io.millrace.model.execution;

import java.util.Map;

/**
 * The Subflow task run that started an execution and waits for its end.
 *
 * @param outputs the Subflow task's {@code outputs} templates, rendered against the child when it ends
 */
public record ParentTask(String executionId, String taskRunId, String namespace, String flowId,
                         Map<String, Object> outputs) {
}
