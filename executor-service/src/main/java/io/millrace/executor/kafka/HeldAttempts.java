package io.millrace.executor.kafka;

import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.topics.Keys;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The attempts workers hold, as they recorded them on {@code worker_task_running}, for the executions of
 * one stream task: by task run (to release one when its result is applied) and by worker incarnation (to
 * find what a dead worker held). Dead incarnations are remembered for a while, so that an attempt a dead
 * worker recorded late is known to be lost as soon as it arrives.
 */
final class HeldAttempts {

    private static final StringSerializer KEYS = new StringSerializer();
    /** Separates the parts of an index key: worker ids and incarnations never contain it. */
    private static final char SEP = '|';

    private final KeyValueStore<String, WorkerTaskRunning> byTaskRun;
    private final KeyValueStore<String, String> byWorker;
    private final KeyValueStore<String, DeadWorker> dead;

    HeldAttempts(KeyValueStore<String, WorkerTaskRunning> byTaskRun, KeyValueStore<String, String> byWorker,
                 KeyValueStore<String, DeadWorker> dead) {
        this.byTaskRun = byTaskRun;
        this.byWorker = byWorker;
        this.dead = dead;
    }

    /** The verdict on the incarnation that recorded {@code r}, or null when it is not known to be dead. */
    DeadWorker deadHolder(WorkerTaskRunning r) {
        return dead.get(incarnationKey(r.workerId(), r.incarnation()));
    }

    /** Remembers that {@code r}'s worker holds its attempt (replacing an older attempt of the same task run). */
    void hold(WorkerTaskRunning r) {
        WorkerTaskRunning before = byTaskRun.get(r.key());
        if (before != null) {
            byWorker.delete(indexKey(before));
        }
        byTaskRun.put(r.key(), r);
        byWorker.put(indexKey(r), r.key());
    }

    /**
     * Forgets attempt {@code attempt} of a task run, whose result was applied.
     *
     * @return whether it was held (its record on {@code worker_task_running} can be removed)
     */
    boolean release(String executionId, String taskRunId, int attempt) {
        String key = Keys.taskRun(executionId, taskRunId);
        WorkerTaskRunning held = byTaskRun.get(key);
        if (held == null || held.attempt() != attempt) {
            return false;
        }
        byTaskRun.delete(key);
        byWorker.delete(indexKey(held));
        return true;
    }

    /** Records the verdict and takes out every attempt the dead incarnation held; returns them. */
    List<WorkerTaskRunning> lose(DeadWorker worker) {
        dead.put(incarnationKey(worker.workerId(), worker.incarnation()), worker);
        String prefix = incarnationKey(worker.workerId(), worker.incarnation()) + SEP;
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> it = byWorker.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> keys.add(kv.value));
        }
        List<WorkerTaskRunning> lost = new ArrayList<>();
        for (String key : keys) {
            WorkerTaskRunning r = byTaskRun.get(key);
            if (r != null && r.workerId().equals(worker.workerId()) && r.incarnation().equals(worker.incarnation())) {
                lost.add(r);
                byTaskRun.delete(key);
            }
            byWorker.delete(prefix + key);
        }
        return lost;
    }

    /** Forgets the verdicts declared before {@code before} (epoch millis). */
    void forgetVerdictsBefore(long before) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, DeadWorker> it = dead.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value == null || kv.value.declaredAt() == null || kv.value.declaredAt().toEpochMilli() < before) {
                    old.add(kv.key);
                }
            });
        }
        old.forEach(dead::delete);
    }

    private static String incarnationKey(String workerId, String incarnation) {
        return workerId + SEP + incarnation;
    }

    private static String indexKey(WorkerTaskRunning r) {
        return incarnationKey(r.workerId(), r.incarnation()) + SEP + r.key();
    }
}
