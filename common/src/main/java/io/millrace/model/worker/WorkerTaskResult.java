package io.millrace.model.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.millrace.model.execution.TaskRunStatus;

import java.time.Instant;
import java.util.Map;

/**
 * How one attempt of a task run ended on a worker: SUCCESS, WARNING, FAILED or KILLED, with the
 * outputs or the error. The executor ignores a result whose attempt it has already superseded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerTaskResult(
    String executionId,
    String taskRunId,
    int attempt,
    TaskRunStatus status,
    Map<String, Object> outputs,
    String error,
    Instant startedAt,
    Instant endedAt,
    String workerId
) {
}
