package io.millrace.model.execution;

import java.time.Instant;
import java.util.Map;

/** A metric recorded by a task run: a counter increment or a timer duration (seconds). */
public record MetricEntry(
    String namespace,
    String flowId,
    String executionId,
    String taskId,
    String taskRunId,
    String name,
    String type,
    double value,
    Map<String, String> tags,
    Instant timestamp
) {
}
