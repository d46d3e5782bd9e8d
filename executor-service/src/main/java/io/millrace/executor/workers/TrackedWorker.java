package io.millrace.executor.workers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.millrace.model.worker.WorkerInstance;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the dead-worker detector knows of one worker id: the latest incarnation, the partitions it still
 * owns as far as the detector can tell (its own announcement minus what newer generations took), when it
 * was last heard of, and, while it is suspected, when it lost its last partition. A dead incarnation is
 * kept for a while so that late announcements of it are not taken for a live worker.
 *
 * @param startedAt     when the incarnation started (epoch millis), to tell an older incarnation's late records
 * @param generation    the consumer group generation of the partitions below
 * @param lastSeen      when the detector last received an announcement or heartbeat of this incarnation
 * @param lostAllAt     when newer generations took its last partition (suspected dead), else null
 * @param lostTo        the generation that took its last partition, when suspected
 * @param deadSince     when this incarnation was declared dead, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackedWorker(String workerId, String incarnation, String host, String workerGroup, long startedAt,
                            int generation, List<Integer> partitions, long lastSeen, Long lostAllAt, Integer lostTo,
                            Long deadSince) {

    public TrackedWorker {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** A worker as its announcement describes it, seen at {@code now}. */
    static TrackedWorker of(WorkerInstance i, long now) {
        return new TrackedWorker(i.workerId(), i.incarnation(), i.host(), i.workerGroup(),
            i.startedAt() == null ? 0 : i.startedAt().toEpochMilli(), i.generation(), i.partitions(), now, null, null,
            null);
    }

    boolean isDead() {
        return deadSince != null;
    }

    boolean isSuspected() {
        return lostAllAt != null && deadSince == null;
    }

    /** Whether it is in the same worker group as {@code other} (same consumer group, same topic). */
    boolean sameGroup(TrackedWorker other) {
        return java.util.Objects.equals(workerGroup, other.workerGroup);
    }

    TrackedWorker seen(long now) {
        return new TrackedWorker(workerId, incarnation, host, workerGroup, startedAt, generation, partitions, now, lostAllAt,
            lostTo, deadSince);
    }

    /** This worker without the partitions {@code taken} (by generation {@code by}), suspected if it has none left. */
    TrackedWorker without(Set<Integer> taken, int by, long now) {
        Set<Integer> left = new TreeSet<>(partitions);
        left.removeAll(taken);
        boolean emptied = left.isEmpty() && !partitions.isEmpty();
        return new TrackedWorker(workerId, incarnation, host, workerGroup, startedAt, generation, List.copyOf(left), lastSeen,
            emptied ? Long.valueOf(now) : lostAllAt, emptied ? Integer.valueOf(by) : lostTo, deadSince);
    }

    TrackedWorker dead(long now) {
        return new TrackedWorker(workerId, incarnation, host, workerGroup, startedAt, generation, List.of(), lastSeen, lostAllAt,
            lostTo, now);
    }
}
