package io.millrace.executor.workers;

import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dead-worker detector's decisions, a pure function of what it knows of each worker and one signal.
 *
 * <p>Kafka gives each partition of {@code worker_tasks} to one live member of the worker group per
 * generation. When a worker announces partitions in generation {@code g}, any worker that still listed
 * them in an older generation has lost them; a worker left with none is <em>suspected</em>. A live worker
 * left with no partition announces itself in the new generation at once (every member gets an assignment
 * callback after a rebalance, empty or not), which clears the suspicion; one that does not within the
 * confirmation delay is declared dead. Two other signals cover what overlap cannot: a worker id that
 * announces a new incarnation (it restarted) declares the old one dead at once, and a worker that sends no
 * heartbeat for the liveness timeout (the last worker of a group, which nobody overlaps) is declared dead.
 * A worker that stops cleanly removes its instance; it is declared dead too, so that anything it could not
 * report is sent again.
 */
public final class WorkerLiveness {

    /** Something the detector learns. */
    public sealed interface Signal permits Announced, Removed, Tick {
    }

    /** A worker's instance record: an assignment or a heartbeat. */
    public record Announced(WorkerInstance instance) implements Signal {
    }

    /** A worker removed its instance record (a clean stop); {@code incarnation} null when the record did not say. */
    public record Removed(String workerId, String incarnation) implements Signal {
    }

    /** Time passed: suspects and heartbeats are checked. */
    public record Tick() implements Signal {
    }

    /**
     * What the signal changed.
     *
     * @param changed    workers whose tracked state changed (to store)
     * @param forgotten  worker ids no longer tracked (to delete)
     * @param dead       incarnations declared dead (to announce)
     * @param tombstones worker ids whose instance record must be removed from {@code worker_instances}
     */
    public record Outcome(List<TrackedWorker> changed, List<String> forgotten, List<DeadWorker> dead,
                          List<DeadWorker> tombstones) {

        static final Outcome NONE = new Outcome(List.of(), List.of(), List.of(), List.of());

        public boolean isEmpty() {
            return changed.isEmpty() && forgotten.isEmpty() && dead.isEmpty();
        }
    }

    private final LivenessSettings settings;

    public WorkerLiveness(LivenessSettings settings) {
        this.settings = settings;
    }

    /**
     * Applies {@code signal} at {@code now} (epoch millis) to the tracked {@code workers}, which it does not
     * change: the caller applies the outcome.
     */
    public Outcome apply(Map<String, TrackedWorker> workers, Signal signal, long now) {
        Work w = new Work(workers, now);
        switch (signal) {
            case Announced(WorkerInstance i) -> w.announced(i);
            case Removed(String id, String incarnation) -> w.removed(id, incarnation);
            case Tick() -> w.tick();
        }
        return w.outcome();
    }

    /** The changes of one signal, over a view of the tracked workers. */
    private final class Work {
        private final Map<String, TrackedWorker> workers;
        private final long now;
        private final Map<String, TrackedWorker> changed = new LinkedHashMap<>();
        private final List<String> forgotten = new ArrayList<>();
        private final List<DeadWorker> dead = new ArrayList<>();
        private final List<DeadWorker> tombstones = new ArrayList<>();

        Work(Map<String, TrackedWorker> workers, long now) {
            this.workers = workers;
            this.now = now;
        }

        private TrackedWorker get(String id) {
            return changed.containsKey(id) ? changed.get(id) : workers.get(id);
        }

        void announced(WorkerInstance i) {
            TrackedWorker known = get(i.workerId());
            boolean sameIncarnation = known != null && known.incarnation().equals(i.incarnation());
            if (sameIncarnation && known.isDead()) {
                return; // a late record of a dead incarnation: it learns of its death and comes back as a new one
            }
            if (known != null && !sameIncarnation && !known.isDead()) {
                if (i.startedAt() != null && i.startedAt().toEpochMilli() < known.startedAt()) {
                    return; // a late record of an older incarnation than the one known
                }
                declareDead(known, "it started again as a new incarnation", false);
            }
            TrackedWorker next;
            if (!sameIncarnation || known.isDead()) {
                next = TrackedWorker.of(i, now);
            } else if (i.generation() > known.generation()) {
                next = TrackedWorker.of(i, now);
            } else {
                // a heartbeat, or an assignment older than what is known: it is alive, its partitions stay as known
                changed.put(known.workerId(), known.seen(now));
                return;
            }
            if (next.generation() >= 0) {
                next = overlap(next);
            }
            changed.put(next.workerId(), next);
        }

        /** Takes {@code next}'s partitions away from older generations, and theirs away from it when they are newer. */
        private TrackedWorker overlap(TrackedWorker next) {
            Set<Integer> announced = new TreeSet<>(next.partitions());
            List<TrackedWorker> others = new ArrayList<>();
            for (String id : ids()) {
                TrackedWorker other = get(id);
                if (other != null && !other.workerId().equals(next.workerId()) && !other.isDead() && other.sameGroup(next)) {
                    others.add(other);
                }
            }
            for (TrackedWorker other : others) {
                Set<Integer> common = new TreeSet<>(other.partitions());
                common.retainAll(announced);
                if (common.isEmpty()) {
                    continue;
                }
                if (other.generation() < next.generation()) {
                    changed.put(other.workerId(), other.without(common, next.generation(), now));
                } else if (other.generation() > next.generation()) {
                    next = next.without(common, other.generation(), now);
                }
            }
            return next;
        }

        private List<String> ids() {
            Set<String> ids = new TreeSet<>(workers.keySet());
            ids.addAll(changed.keySet());
            return List.copyOf(ids);
        }

        void removed(String id, String incarnation) {
            TrackedWorker known = get(id);
            if (known == null || known.isDead() || incarnation != null && !incarnation.equals(known.incarnation())) {
                return;
            }
            declareDead(known, "it stopped", false);
        }

        void tick() {
            for (String id : ids()) {
                TrackedWorker t = get(id);
                if (t.isDead()) {
                    if (now - t.deadSince() >= settings.memory().toMillis()) {
                        changed.remove(id);
                        forgotten.add(id);
                    }
                } else if (t.isSuspected() && now - t.lostAllAt() >= settings.confirmation().toMillis()) {
                    declareDead(t, "its partitions went to other workers of the group (generation " + t.lostTo()
                        + ") and it did not announce itself within " + human(settings.confirmation()), true);
                } else if (now - t.lastSeen() >= settings.livenessTimeout().toMillis()) {
                    declareDead(t, "it sent no heartbeat for " + human(settings.livenessTimeout()), true);
                }
            }
        }

        private void declareDead(TrackedWorker t, String reason, boolean tombstone) {
            DeadWorker d = new DeadWorker(t.workerId(), t.incarnation(), t.host(), t.workerGroup(), reason,
                Instant.ofEpochMilli(now));
            dead.add(d);
            if (tombstone) {
                tombstones.add(d);
            }
            changed.put(t.workerId(), t.dead(now));
        }

        Outcome outcome() {
            if (changed.isEmpty() && forgotten.isEmpty() && dead.isEmpty()) {
                return Outcome.NONE;
            }
            return new Outcome(List.copyOf(changed.values()), List.copyOf(forgotten), List.copyOf(dead),
                List.copyOf(tombstones));
        }
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
