package io.millrace.worker.kafka;

import io.millrace.model.worker.WorkerInstance;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Publishes the worker's {@link WorkerInstance} after every partition assignment, with every
 * partition of {@code worker_tasks} it owns from then on (not only the ones just added: with
 * incremental rebalancing an assignment may add none). The dead-worker detector reads them.
 */
final class InstanceAnnouncer implements ConsumerRebalanceListener {

    private final Supplier<Set<TopicPartition>> assignment;
    private final Consumer<WorkerInstance> publish;
    private final String workerId;
    private final String host;
    private final String group;
    private final Instant startedAt;
    private final InstantSource clock;

    InstanceAnnouncer(Supplier<Set<TopicPartition>> assignment, Consumer<WorkerInstance> publish, String workerId,
                      String host, String group, Instant startedAt, InstantSource clock) {
        this.assignment = assignment;
        this.publish = publish;
        this.workerId = workerId;
        this.host = host;
        this.group = group;
        this.startedAt = startedAt;
        this.clock = clock;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> added) {
        publish.accept(instance(assignment.get()));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        // the next assignment tells what is left; attempts already taken keep running here
    }

    WorkerInstance instance(Set<TopicPartition> owned) {
        List<Integer> partitions = owned.stream().map(TopicPartition::partition).sorted().toList();
        return new WorkerInstance(workerId, host, group, partitions, startedAt, clock.instant());
    }
}
