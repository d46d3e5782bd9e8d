package io.millrace.tasks;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.State;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.runtime.RunnerSettings;
import io.millrace.runtime.TaskEvents;
import io.millrace.runtime.TaskRunner;
import io.millrace.serde.MillraceModule;
import io.millrace.template.TemplateEngine;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a runnable task exactly as a worker does: parsed from YAML by the Millrace module, wrapped
 * in a {@link WorkerTask} whose task run is RUNNING with one attempt, and run by a real
 * {@link TaskRunner}, collecting the log lines and metrics it writes.
 */
public final class WorkerFixture implements AutoCloseable {

    private static final YAMLMapper YAML = YAMLMapper.builder()
        .addModule(MillraceModule.create())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private final TaskRunner runner;
    private final AtomicInteger taskRuns = new AtomicInteger();

    /** A runner whose attempts get their working directories under {@code workRoot}. */
    public WorkerFixture(Path workRoot) {
        this(workRoot, null);
    }

    /** A runner whose tasks read {@code millrace:///} files from {@code storage}; task runs are of namespace company.team. */
    public WorkerFixture(Path workRoot, io.millrace.storage.InternalStorage storage) {
        this(new RunnerSettings("worker-test", Map.of(), workRoot, Clock.systemUTC(), storage));
    }

    /** A runner with these settings. */
    public WorkerFixture(RunnerSettings settings) {
        this.runner = new TaskRunner(new TemplateEngine(), settings);
    }

    /** Parses a task the way a flow's YAML is bound. */
    public static Task parse(String yaml) {
        return YAML.readValue(yaml, Task.class);
    }

    /** Runs the task on this thread, without variables. */
    public Attempt run(String yaml) {
        return run(yaml, Map.of());
    }

    /** Runs the task on this thread; its templates see {@code variables}. */
    public Attempt run(String yaml, Map<String, Object> variables) {
        Attempt attempt = new Attempt(workerTask(yaml, variables));
        attempt.result = runner.run(attempt.workerTask, attempt);
        return attempt;
    }

    /** Starts the task on a virtual thread, as a worker would, so the test can watch or kill it. */
    public Running start(String yaml, Map<String, Object> variables) {
        Attempt attempt = new Attempt(workerTask(yaml, variables));
        CompletableFuture<Attempt> done = new CompletableFuture<>();
        Thread.ofVirtual().name("task-" + attempt.workerTask.taskRun().id()).start(() -> {
            try {
                attempt.result = runner.run(attempt.workerTask, attempt);
                done.complete(attempt);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return new Running(attempt, done);
    }

    /** Number of attempts the runner is running now. */
    public int runningCount() {
        return runner.runningCount();
    }

    private WorkerTask workerTask(String yaml, Map<String, Object> variables) {
        Task task = parse(yaml);
        Instant now = Instant.now();
        TaskRun run = TaskRun.created("tr-" + taskRuns.incrementAndGet(), "exec-1", "company.team", "flow",
                task.id(), null, null, null, 0, now)
            .to(TaskRunStatus.RUNNING, now)
            .withAttempt(new TaskRunAttempt(State.of(TaskRunStatus.RUNNING, now), "worker-test"));
        return new WorkerTask(run, task, variables);
    }

    @Override
    public void close() {
        runner.close();
    }

    /** A task started on its own thread. */
    public final class Running {
        private final Attempt attempt;
        private final CompletableFuture<Attempt> done;

        private Running(Attempt attempt, CompletableFuture<Attempt> done) {
            this.attempt = attempt;
            this.done = done;
        }

        /** The attempt so far: its logs and metrics grow while it runs; its result is set at the end. */
        public Attempt attempt() {
            return attempt;
        }

        public boolean isDone() {
            return done.isDone();
        }

        /** Kills the attempt the way a kill command reaching the worker does. */
        public void kill() {
            TaskRun r = attempt.workerTask.taskRun();
            runner.kill(new KillTaskRun(r.executionId(), r.id(), r.attemptNumber()));
        }

        /** Waits for the attempt to end. */
        public Attempt join() {
            return done.join();
        }
    }

    /** One attempt: what it logged and measured, and how it ended. */
    public static final class Attempt implements TaskEvents {
        private final WorkerTask workerTask;
        private final List<LogEntry> logs = new CopyOnWriteArrayList<>();
        private final List<MetricEntry> metrics = new CopyOnWriteArrayList<>();
        private volatile WorkerTaskResult result;

        private Attempt(WorkerTask workerTask) {
            this.workerTask = workerTask;
        }

        @Override
        public void log(LogEntry entry) {
            logs.add(entry);
        }

        @Override
        public void metric(MetricEntry entry) {
            metrics.add(entry);
        }

        public WorkerTaskResult result() {
            return result;
        }

        public TaskRunStatus status() {
            return result.status();
        }

        public String error() {
            return result.error();
        }

        public Map<String, Object> outputs() {
            return result.outputs();
        }

        public List<LogEntry> logs() {
            return logs;
        }

        public List<MetricEntry> metrics() {
            return metrics;
        }

        /** The messages of every log line, in order. */
        public List<String> messages() {
            return logs.stream().map(LogEntry::message).toList();
        }

        /** The messages of the log lines of {@code level}, in order. */
        public List<String> messages(LogLevel level) {
            return logs.stream().filter(l -> l.level() == level).map(LogEntry::message).toList();
        }
    }
}
