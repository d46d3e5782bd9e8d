package io.millrace.worker.kafka;

import io.millrace.model.worker.WorkerInstance;
import io.millrace.worker.attempt.Incarnation;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Publishes the worker's {@link WorkerInstance} after every partition assignment, with every
 * partition of {@code worker_tasks} it owns from then on (not only the ones just added: with
 * incremental rebalancing an assignment may add none) and the group generation they belong to; and
 * again at every heartbeat, from any thread, with the last assignment. The executor's dead-worker
 * detector reads them: a newer generation's partitions overlapping an older instance's mean that
 * instance lost them, and a worker that stops sending heartbeats is dead.
 */
final class InstanceAnnouncer implements ConsumerRebalanceListener {

    private final Supplier<Set<TopicPartition>> assignment;
    private final IntSupplier generation;
    private final Consumer<WorkerInstance> publish;
    private final String workerId;
    private final Incarnation incarnation;
    private final String host;
    private final String group;
    private final Instant startedAt;
    private final InstantSource clock;
    /** The last assignment: generation and partitions, with when it came. */
    private volatile Assignment last = new Assignment(-1, List.of(), null);

    private record Assignment(int generation, List<Integer> partitions, Instant at) {
    }

    InstanceAnnouncer(Supplier<Set<TopicPartition>> assignment, IntSupplier generation,
                      Consumer<WorkerInstance> publish, String workerId, Incarnation incarnation, String host,
                      String group, Instant startedAt, InstantSource clock) {
        this.assignment = assignment;
        this.generation = generation;
        this.publish = publish;
        this.workerId = workerId;
        this.incarnation = incarnation;
        this.host = host;
        this.group = group;
        this.startedAt = startedAt;
        this.clock = clock;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> added) {
        List<Integer> partitions = assignment.get().stream().map(TopicPartition::partition).sorted().toList();
        int g = generation.getAsInt();
        synchronized (this) {
            last = new Assignment(g, partitions, clock.instant());
            heartbeat();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        // the next assignment tells what is left; attempts already taken keep running here
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        // the group went on without this worker (its session expired): the next assignment comes with a
        // new generation; until then it announces nothing newer than what it had
    }

    /**
     * Publishes the last assignment again (a heartbeat, or after a new incarnation began). Reading the last
     * assignment and sending it happen under one lock, so that a heartbeat never lands after a newer
     * assignment's record with the older partitions.
     */
    synchronized void heartbeat() {
        publish.accept(instance());
    }

    WorkerInstance instance() {
        Assignment a = last;
        Instant now = clock.instant();
        return new WorkerInstance(workerId, incarnation.current(), host, group, a.generation(), a.partitions(),
            startedAt, a.at(), now);
    }
}
