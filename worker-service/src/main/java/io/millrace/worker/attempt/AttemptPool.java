package io.millrace.worker.attempt;

import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.runtime.TaskLogContext;
import io.millrace.runtime.TaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A fixed number of slots, each running one attempt on its own platform thread. An attempt holds its
 * slot while its task runs; storing the result (waiting for the broker's acknowledgements of its logs
 * and its result) happens after the slot is free again, because that wait costs no work and, for
 * short tasks, it lasted longer than the task itself: slots full of attempts waiting for acknowledgements
 * capped a worker at about 300 short tasks per second. A result not yet stored is never lost: the
 * attempt is recorded on {@code worker_task_running}, so a worker that dies before storing it has the
 * attempt run again. On shutdown, attempts still running after the grace period are abandoned:
 * interrupted, and reported RESUBMITTED so that the executor sends them again at once (to another
 * worker); the pool is idle once every attempt has stored its result.
 */
public final class AttemptPool {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptPool.class);

    static final String ABANDONED = "the worker stopped before the attempt ended";
    static final String DECLARED_DEAD = "the worker was declared dead and stopped the attempt (it runs elsewhere)";

    private final int slots;
    private final TaskRunner runner;
    private final AttemptOutput output;
    private final WorkerMetrics metrics;
    private final InstantSource clock;
    private final String workerId;
    private final Incarnation incarnation;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Attempt> running = ConcurrentHashMap.newKeySet();
    /** Guarded by lock: attempts whose task runs. */
    private int busy;
    /** Guarded by lock: attempts whose task returned and whose result is being stored. */
    private int reporting;

    public AttemptPool(int slots, TaskRunner runner, AttemptOutput output, WorkerMetrics metrics, InstantSource clock,
                       String workerId) {
        this(slots, runner, output, metrics, clock, workerId, new Incarnation());
    }

    /** A pool whose attempts belong to incarnations of {@code incarnation}. */
    public AttemptPool(int slots, TaskRunner runner, AttemptOutput output, WorkerMetrics metrics, InstantSource clock,
                       String workerId, Incarnation incarnation) {
        if (slots < 1) {
            throw new IllegalArgumentException("a pool needs at least one slot");
        }
        this.slots = slots;
        this.runner = runner;
        this.output = output;
        this.metrics = metrics;
        this.clock = clock;
        this.workerId = workerId;
        this.incarnation = incarnation;
        metrics.slots(slots, this::busy);
    }

    /** Number of slots. */
    public int slots() {
        return slots;
    }

    /** Slots in use: attempts whose task runs. */
    public int busy() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /** Attempts not ended yet: running, or storing their result. */
    public int unfinished() {
        return running.size();
    }

    /** Slots free for new tasks. */
    public int free() {
        return slots - busy();
    }

    /** Waits up to {@code timeout} for a free slot; true if one is free. */
    public boolean awaitFree(Duration timeout) throws InterruptedException {
        return await(timeout, () -> busy < slots);
    }

    /** Waits up to {@code timeout} until no attempt runs or stores its result; true if none does. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return await(timeout, () -> busy == 0 && reporting == 0);
    }

    private boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} on a new thread in a free slot, as an attempt of the current incarnation.
     *
     * @throws IllegalStateException when every slot is busy (the caller takes no more tasks than {@link #free})
     */
    public void start(WorkerTask task) {
        start(task, incarnation.current());
    }

    /**
     * Runs {@code task}, taken by incarnation {@code taker}, on a new thread in a free slot. When
     * {@code taker} is no longer the current incarnation (declared dead meanwhile: the executor sends the
     * attempt again elsewhere), the attempt does not run and is reported RESUBMITTED.
     *
     * @throws IllegalStateException when every slot is busy (the caller takes no more tasks than {@link #free})
     */
    public void start(WorkerTask task, String taker) {
        if (!taker.equals(incarnation.current())) {
            report(new Attempt(task, taker), result(task, TaskRunStatus.RESUBMITTED, DECLARED_DEAD, clock.instant()));
            return;
        }
        lock.lock();
        try {
            if (busy >= slots) {
                throw new IllegalStateException("no free slot for task run " + task.taskRun().id());
            }
            busy++;
        } finally {
            lock.unlock();
        }
        Attempt attempt = new Attempt(task, taker);
        try {
            // a platform thread: an attempt may compute (a template until its deadline, a jq program), and a
            // virtual thread would hold one of the few carriers all the while, stalling every other attempt
            attempt.thread = Thread.ofPlatform().daemon(true)
                .name("millrace-attempt-" + task.taskRun().id() + "-" + task.attempt())
                .unstarted(() -> run(attempt));
            running.add(attempt);
            attempt.thread.start();
        } catch (RuntimeException | Error e) {
            release(attempt);
            throw e;
        }
    }

    private void run(Attempt attempt) {
        WorkerTask task = attempt.task;
        try (TaskLogContext ignored = TaskLogContext.open(task.taskRun())) {
            WorkerTaskResult result;
            try {
                result = runner.run(task, output.events());
            } catch (Throwable e) {
                // the runner reports a task's own failures; only a JVM error (out of memory…) gets here
                LOG.error("attempt {} of task run {} ended with an error", task.attempt(), task.taskRun().id(), e);
                result = result(task, TaskRunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    attempt.startedAt);
            }
            boolean abandoned;
            synchronized (attempt) {
                attempt.reporting = true;
                abandoned = attempt.abandoned;
            }
            Thread.interrupted(); // an interrupt meant for the task must not cut the report short
            if (abandoned && result.status() == TaskRunStatus.FAILED) {
                // it failed because it was interrupted: another worker runs it again
                result = result(task, TaskRunStatus.RESUBMITTED, attempt.why, result.startedAt());
            }
            freeSlot(attempt);
            report(attempt, result);
        } finally {
            release(attempt);
        }
    }

    private void report(Attempt attempt, WorkerTaskResult result) {
        if (!attempt.reported.compareAndSet(false, true)) {
            return; // the stopping worker reported it already
        }
        try {
            output.report(attempt.task.taskRun(), result);
            metrics.ended(result.status());
        } catch (RuntimeException e) {
            LOG.error("cannot report attempt {} of task run {} ({}): {}", result.attempt(), result.taskRunId(),
                result.status(), e.getMessage());
        }
    }

    /** The task returned: its slot takes another task while its result is stored. */
    private void freeSlot(Attempt attempt) {
        lock.lock();
        try {
            attempt.slotFreed = true;
            busy--;
            reporting++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void release(Attempt attempt) {
        running.remove(attempt);
        lock.lock();
        try {
            if (attempt.slotFreed) {
                reporting--;
            } else {
                busy--;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Interrupts every attempt still running; each reports RESUBMITTED unless it ends otherwise on its
     * own (an attempt that finishes anyway keeps its result).
     *
     * @return how many were interrupted
     */
    public int abandonRunning() {
        return abandon(a -> true, ABANDONED);
    }

    /**
     * Interrupts every attempt that incarnation {@code dead} took: it was declared dead and the executor sends
     * them again elsewhere. Each reports RESUBMITTED (a result the executor ignores, the attempt being
     * superseded) unless it ends otherwise on its own.
     *
     * @return how many were interrupted
     */
    public int abandonIncarnation(String dead) {
        return abandon(a -> a.taker.equals(dead), DECLARED_DEAD);
    }

    private int abandon(java.util.function.Predicate<Attempt> which, String why) {
        int n = 0;
        for (Attempt a : running) {
            synchronized (a) {
                if (which.test(a) && !a.reporting && !a.abandoned) {
                    a.abandoned = true;
                    a.why = why;
                    a.thread.interrupt();
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Reports RESUBMITTED, from the calling thread, every attempt that has not reported yet: the last
     * step of a shutdown, for attempts that did not stop when interrupted.
     *
     * @return the attempts reported
     */
    public List<WorkerTaskResult> resubmitUnfinished() {
        List<WorkerTaskResult> reported = new ArrayList<>();
        for (Attempt a : List.copyOf(running)) {
            WorkerTaskResult r = result(a.task, TaskRunStatus.RESUBMITTED, ABANDONED, a.startedAt);
            if (!a.reported.get()) {
                report(a, r);
                reported.add(r);
            }
        }
        return reported;
    }

    private WorkerTaskResult result(WorkerTask task, TaskRunStatus status, String error, Instant startedAt) {
        TaskRun run = task.taskRun();
        return new WorkerTaskResult(run.executionId(), run.id(), task.attempt(), status, null, error, startedAt,
            clock.instant(), workerId);
    }

    /** One attempt in a slot. */
    private final class Attempt {
        final WorkerTask task;
        /** The incarnation that took it. */
        final String taker;
        final Instant startedAt = clock.instant();
        final AtomicBoolean reported = new AtomicBoolean();
        volatile Thread thread;
        /** Guarded by lock: set once its slot is free and its result is being stored. */
        boolean slotFreed;
        /** Guarded by this: set when the task has returned and the result is being reported. */
        boolean reporting;
        /** Guarded by this: set when the stopping worker interrupted the attempt. */
        boolean abandoned;
        /** Guarded by this: why it was abandoned. */
        String why = ABANDONED;

        Attempt(WorkerTask task, String taker) {
            this.task = task;
            this.taker = taker;
        }
    }
}
