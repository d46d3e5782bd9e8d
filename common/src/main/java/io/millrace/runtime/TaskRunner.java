package io.millrace.runtime;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.serde.Json;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.TaskFailure;
import io.millrace.tasks.TaskOutcome;
import io.millrace.template.TemplateEngine;
import io.millrace.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one attempt of a runnable task on the calling thread and reports how it ended. A timeout
 * (the task's {@code timeout}) or a {@link #kill} interrupts the thread; the task is expected to
 * stop promptly (a shell command kills its process tree). Shared by workers and the in-process
 * harness, so both run tasks the same way.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    /** Why a running task was interrupted. */
    private enum Stop { TIMEOUT, KILL }

    private record Running(Thread thread, String executionId, int attempt, AtomicReference<Stop> stop) {
    }

    /** How many kills of attempts not started yet are remembered (oldest forgotten first). */
    private static final int REMEMBERED_KILLS = 10_000;

    private final TemplateEngine engine;
    private final RunnerSettings settings;
    private final ScheduledExecutorService watchdog;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Makes "start an attempt" and "kill an attempt" atomic with respect to each other. */
    private final Object killLock = new Object();
    private final Map<KillTaskRun, Boolean> killedEarly = Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<KillTaskRun, Boolean> eldest) {
                return size() > REMEMBERED_KILLS;
            }
        });

    public TaskRunner(TemplateEngine engine, RunnerSettings settings) {
        this.engine = engine;
        this.settings = settings;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "millrace-task-timeouts");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the attempt described by {@code task}; never throws for a task's own failure. */
    public WorkerTaskResult run(WorkerTask task, TaskEvents events) {
        TaskRun run = task.taskRun();
        Instant started = settings.clock().instant();
        if (!(task.task() instanceof RunnableTask runnable)) {
            return result(task, TaskRunStatus.FAILED, null, "task type " + task.task().type() + " cannot run on a worker",
                started);
        }
        AtomicReference<Stop> stop = new AtomicReference<>();
        Running r = new Running(Thread.currentThread(), run.executionId(), task.attempt(), stop);
        synchronized (killLock) {
            running.put(run.id(), r);
            if (killedEarly.remove(new KillTaskRun(run.executionId(), run.id(), task.attempt())) != null) {
                // the kill arrived before the attempt started: it never runs
                stop.set(Stop.KILL);
            }
        }
        ScheduledFuture<?> timer = null;
        Duration timeout = task.task().timeout();
        if (timeout != null) {
            timer = watchdog.schedule(() -> interrupt(r, Stop.TIMEOUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        try (DefaultRunContext context = new DefaultRunContext(task, engine, settings, events)) {
            try {
                if (stop.get() == Stop.KILL) {
                    return killed(task, context, started);
                }
                context.checkSecretsOpened();
                TaskOutcome outcome = runnable.run(context);
                if (stop.get() == Stop.KILL) {
                    return killed(task, context, started);
                }
                Map<String, Object> outputs = outcome.outputs().isEmpty() ? null : Json.toMap(outcome.outputs());
                return result(task, outcome.warning() ? TaskRunStatus.WARNING : TaskRunStatus.SUCCESS, outputs, null,
                    started);
            } catch (Throwable e) {
                Stop why = stop.get();
                if (why == Stop.KILL) {
                    return killed(task, context, started);
                }
                String error = why == Stop.TIMEOUT
                    ? "timed out after " + timeout
                    : message(e);
                context.log(LogLevel.ERROR, error);
                if (why == null && !(e instanceof TaskFailure) && !(e instanceof TemplateException)
                    && !(e instanceof InterruptedException)) {
                    LOG.debug("task {} of execution {} failed", run.taskId(), run.executionId(), e);
                }
                if (e instanceof Error err && !(e instanceof StackOverflowError)) {
                    throw err;
                }
                return result(task, TaskRunStatus.FAILED, null, context.mask(error), started);
            }
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            running.remove(run.id(), r);
            Thread.interrupted(); // clear a late interrupt so the thread can be reused
        }
    }

    /**
     * Stops an attempt: interrupts it if it runs here, or remembers the kill so that the attempt
     * ends KILLED at once if it starts later (a kill can overtake its task on the way to a worker).
     */
    public void kill(KillTaskRun kill) {
        synchronized (killLock) {
            Running r = running.get(kill.taskRunId());
            if (r != null && r.attempt() == kill.attempt() && r.executionId().equals(kill.executionId())) {
                interrupt(r, Stop.KILL);
            } else {
                killedEarly.put(kill, Boolean.TRUE);
            }
        }
    }

    /** Interrupts every attempt of {@code executionId} running here. */
    public int killExecution(String executionId) {
        int n = 0;
        for (Running r : running.values()) {
            if (r.executionId().equals(executionId)) {
                interrupt(r, Stop.KILL);
                n++;
            }
        }
        return n;
    }

    /** Number of attempts running now. */
    public int runningCount() {
        return running.size();
    }

    private static void interrupt(Running r, Stop why) {
        if (r.stop().compareAndSet(null, why)) {
            r.thread().interrupt();
        }
    }

    private WorkerTaskResult killed(WorkerTask task, DefaultRunContext context, Instant started) {
        context.log(LogLevel.WARN, "killed");
        return result(task, TaskRunStatus.KILLED, null, "killed", started);
    }

    private WorkerTaskResult result(WorkerTask task, TaskRunStatus status, Map<String, Object> outputs, String error,
                                    Instant started) {
        TaskRun run = task.taskRun();
        return new WorkerTaskResult(run.executionId(), run.id(), task.attempt(), status, outputs, error, started,
            settings.clock().instant(), settings.workerId());
    }

    /** A user-facing message: the exception's own message, or its type when it has none. */
    static String message(Throwable e) {
        if (e instanceof TaskFailure || e instanceof TemplateException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        String type = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? type : type + ": " + m;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
