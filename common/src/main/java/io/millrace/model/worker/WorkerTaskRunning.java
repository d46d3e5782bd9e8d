package io.millrace.model.worker;

import java.time.Instant;

/**
 * A worker has taken attempt {@code attempt} of a task run from partition {@code partition} of
 * {@code worker_tasks} and runs it. Written in the same transaction as the consumer offsets, so
 * a task is either still on the topic or recorded here. The executor keeps these records until the
 * attempt's result arrives; when the worker's incarnation is declared dead, the attempts it still
 * holds are sent again.
 *
 * @param incarnation the run of the worker process that took the attempt ({@link WorkerInstance#incarnation})
 */
public record WorkerTaskRunning(String executionId, String taskRunId, int attempt, String workerId,
                                String incarnation, int partition, Instant startedAt) {

    public WorkerTaskRunning {
        incarnation = incarnation == null ? "" : incarnation;
    }

    /** The key on {@code worker_task_running}: {@code executionId/taskRunId}. */
    public String key() {
        return executionId + "/" + taskRunId;
    }
}
