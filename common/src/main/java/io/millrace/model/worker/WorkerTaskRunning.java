package io.millrace.model.worker;

import java.time.Instant;

/**
 * A worker has taken attempt {@code attempt} of a task run from partition {@code partition} of
 * {@code worker_tasks} and runs it. Written in the same transaction as the consumer offsets, so
 * a task is either still on the topic or recorded here.
 */
public record WorkerTaskRunning(String executionId, String taskRunId, int attempt, String workerId, int partition,
                                Instant startedAt) {

    /** The key on {@code worker_task_running}: {@code executionId/taskRunId}. */
    public String key() {
        return executionId + "/" + taskRunId;
    }
}
