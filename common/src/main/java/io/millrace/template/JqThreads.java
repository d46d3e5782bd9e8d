package io.millrace.template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The few threads jq programs run on, so that the render's own thread (a request, a Kafka Streams
 * thread) is free at its deadline whatever the program does. jackson-jq's syntax tree has no hook
 * for the budget: a cross product of held data or a program's own function calling itself twice per
 * level never checks it. The render waits for its program at most until its deadline, then gives up
 * on it: the program's thread is interrupted and its budget fails every later check, but a program
 * looping in syntax alone cannot be stopped and keeps its thread until it ends (a runaway, logged
 * once). When every jq thread holds a runaway, a new program fails at once instead of waiting.
 */
final class JqThreads {

    // before SHARED, which uses it
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** The threads of this process: few, so that runaways cost at most this many busy threads. */
    static final JqThreads SHARED = new JqThreads(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** How long an abandoned program may take to notice before it is reported as a runaway. */
    private static final long GRACE_MILLIS = 1_000;

    private static final int TEMPLATE_NAME_IN_LOG = 80;

    private static final Logger LOG = LoggerFactory.getLogger(JqThreads.class);

    private final int size;
    private final ExecutorService threads;
    private final AtomicInteger runaways = new AtomicInteger();

    JqThreads(int size) {
        this.size = size;
        int pool = POOLS.getAndIncrement();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = work -> {
            Thread thread = new Thread(work, "millrace-jq-" + (pool == 0 ? "" : pool + "-") + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newFixedThreadPool(size, factory);
    }

    /** A program that cannot run because every jq thread holds a runaway. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code work} on a jq thread under a copy of the caller's {@link RenderBudget} and returns
     * its result, or throws what it threw, unchanged. Fails with the budget's message when the
     * deadline passes or the caller is interrupted first, and with {@link Busy} at once when no jq
     * thread is free of runaways. {@code line} and {@code template} locate the call in errors and logs.
     */
    <T> T run(Supplier<T> work, Integer line, String template) {
        if (runaways.get() >= size) {
            throw new Busy("every jq thread is busy with programs that passed their deadline; "
                + "this program cannot run until one of them ends");
        }
        RenderBudget budget = RenderBudget.current();
        Job<T> job = new Job<>(work, budget.handOff(), line, template);
        threads.execute(job);
        try {
            long remaining = budget.remainingNanos();
            T result = remaining == Long.MAX_VALUE ? job.result.get() : job.result.get(remaining, TimeUnit.NANOSECONDS);
            budget.takeBack(job.budget);
            return result;
        } catch (ExecutionException e) {
            budget.takeBack(job.budget);
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            job.abandon();
            throw budget.overdue(line, template);
        } catch (InterruptedException e) {
            job.abandon();
            Thread.currentThread().interrupt();
            throw RenderBudget.interrupted(line, template);
        }
    }

    /** How many jq threads hold a program their render gave up on. */
    int runaways() {
        return runaways.get();
    }

    private enum State { QUEUED, RUNNING, DONE, ABANDONED }

    /** One program on its way through a jq thread. */
    private final class Job<T> implements Runnable {

        final Supplier<T> work;
        final RenderBudget budget;
        final Integer line;
        final String template;
        final CompletableFuture<T> result = new CompletableFuture<>();
        // guarded by this: a thread is interrupted only while it runs this job
        private State state = State.QUEUED;
        private Thread runner;

        Job(Supplier<T> work, RenderBudget budget, Integer line, String template) {
            this.work = work;
            this.budget = budget;
            this.line = line;
            this.template = template;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (state != State.QUEUED) {
                    return;
                }
                state = State.RUNNING;
                runner = Thread.currentThread();
            }
            try {
                result.complete(RenderBudget.runUnder(budget, work));
            } catch (Throwable e) {
                // the caller rethrows it; an OutOfMemoryError is the caller's render's as it was before
                result.completeExceptionally(e);
            } finally {
                finish();
            }
        }

        private void finish() {
            State before;
            synchronized (this) {
                before = state;
                state = State.DONE;
                runner = null;
            }
            // an interrupt meant for this job must not reach the next one
            Thread.interrupted();
            if (before == State.ABANDONED) {
                runaways.decrementAndGet();
            }
        }

        /** The caller no longer waits: a queued job never runs, a running one is told to stop. */
        void abandon() {
            budget.abandon();
            synchronized (this) {
                if (state == State.QUEUED) {
                    state = State.DONE;
                    return;
                }
                if (state != State.RUNNING) {
                    return;
                }
                state = State.ABANDONED;
                runaways.incrementAndGet();
                runner.interrupt();
            }
            CompletableFuture.delayedExecutor(GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(this::reportIfRunning);
        }

        private void reportIfRunning() {
            String thread;
            synchronized (this) {
                if (state != State.ABANDONED) {
                    return;
                }
                thread = runner.getName();
            }
            // the template's name and line only: the values the program works on may be secret
            LOG.warn("A jq program at line {} of template '{}' passed its render's deadline and does not stop "
                    + "(a loop in jq syntax alone); it keeps thread {} busy until it ends. {} of {} jq threads "
                    + "are held this way.", line, abbreviated(template), thread, runaways.get(), size);
        }
    }

    private static String abbreviated(String template) {
        if (template == null) {
            return "";
        }
        String oneLine = template.replaceAll("\\s+", " ");
        return oneLine.length() <= TEMPLATE_NAME_IN_LOG ? oneLine : oneLine.substring(0, TEMPLATE_NAME_IN_LOG) + "…";
    }
}
