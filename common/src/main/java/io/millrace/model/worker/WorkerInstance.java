package io.millrace.model.worker;

import java.time.Instant;
import java.util.List;

/**
 * A worker as it announces itself after each partition assignment: the partitions of
 * {@code worker_tasks} it now owns. Kafka never gives one partition to two live members of a
 * group, so a newer instance owning a partition another instance still lists means that other
 * worker lost it.
 */
public record WorkerInstance(String workerId, String host, String workerGroup, List<Integer> partitions,
                             Instant startedAt, Instant assignedAt) {

    public WorkerInstance {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }
}
