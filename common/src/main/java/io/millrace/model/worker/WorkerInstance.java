package io.millrace.model.worker;

import java.time.Instant;
import java.util.List;

/**
 * A worker as it announces itself after each partition assignment, and again at every heartbeat: the
 * partitions of {@code worker_tasks} it owns in consumer-group generation {@code generation}. Kafka never
 * gives one partition to two live members of a group in one generation, so a newer generation's instance
 * owning a partition another instance still lists means that other worker lost it.
 *
 * @param incarnation  one run of the worker process: a worker that restarts under the same id, or that
 *                     learns it was declared dead, announces a new incarnation
 * @param generation   the consumer group generation of the assignment ({@code -1} before the first one)
 * @param assignedAt   when the worker received this assignment
 * @param heartbeatAt  when the worker sent this record (a heartbeat repeats the last assignment)
 */
public record WorkerInstance(String workerId, String incarnation, String host, String workerGroup, int generation,
                             List<Integer> partitions, Instant startedAt, Instant assignedAt, Instant heartbeatAt) {

    public WorkerInstance {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        incarnation = incarnation == null ? "" : incarnation;
    }

    /** The same instance, sent again at {@code at}. */
    public WorkerInstance heartbeat(Instant at) {
        return new WorkerInstance(workerId, incarnation, host, workerGroup, generation, partitions, startedAt,
            assignedAt, at);
    }
}
