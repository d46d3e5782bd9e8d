package io.millrace.executor.local;

import io.millrace.model.command.ConcurrencySlot;
import io.millrace.executor.orchestrator.ConcurrencyLimiter;
import io.millrace.executor.orchestrator.Decision;
import io.millrace.executor.orchestrator.Event;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.orchestrator.Timer;
import io.millrace.model.Flow;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.runtime.RunnerSettings;
import io.millrace.runtime.TaskEvents;
import io.millrace.runtime.TaskRunner;
import io.millrace.serde.Json;
import io.millrace.secrets.SecretCipher;
import io.millrace.template.SecretProvider;
import io.millrace.template.TemplateEngine;
import io.millrace.util.Ids;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs flows in one process through the real {@link Orchestrator} and real tasks: one engine thread
 * applies events in order (as one executor partition would), tasks run on virtual threads through
 * the worker's {@link TaskRunner}, and every message crosses a JSON round trip as it would cross
 * Kafka. With a {@link VirtualClock} timers fire as soon as nothing else can happen, so delays,
 * retries and pauses are tested without waiting, and each event takes one virtual millisecond so
 * dates show the order of events. Used by tests and by {@code millrace flow test}.
 */
public final class FlowHarness implements AutoCloseable {

    private final FlowStore flows = new FlowStore();
    private final Orchestrator orchestrator;
    private final TaskRunner runner;
    private final Clock clock;
    private final VirtualClock virtualClock;
    private final Consumer<LogEntry> logListener;
    private final Duration awaitTimeout;

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final Map<String, ExecutionState> states = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparing(Timer::dueAt));
    private final Set<String> timerKeys = new HashSet<>();
    private final Map<String, ConcurrencyLimiter.FlowSlots> slots = new HashMap<>();
    private Throwable failure;

    private final Map<String, List<LogEntry>> logs = new ConcurrentHashMap<>();
    private final List<MetricEntry> metrics = new CopyOnWriteArrayList<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore parallelism;
    private final AtomicInteger runningTasks = new AtomicInteger();
    /** Events queued or being applied (timers included), so "nothing pending" has no gap. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Thread engine;
    private volatile boolean closed;
    private volatile boolean timersHeld;

    private FlowHarness(Builder b) {
        this.virtualClock = b.virtualStart == null ? null : new VirtualClock(b.virtualStart);
        this.clock = virtualClock != null ? virtualClock : Clock.systemUTC();
        TemplateEngine templates = new TemplateEngine(b.secrets, clock);
        // nothing leaves this process: a key of its own seals SECRET inputs just as a cluster would
        SecretCipher cipher = SecretCipher.ephemeral();
        this.orchestrator = new Orchestrator(templates, b.maxSubflowDepth, cipher);
        this.runner = new TaskRunner(templates, new RunnerSettings("local", b.envs, b.workRoot, clock)
            .withCipher(cipher));
        this.logListener = b.logListener;
        this.awaitTimeout = b.awaitTimeout;
        this.parallelism = new Semaphore(b.parallelism);
        this.engine = Thread.ofPlatform().name("millrace-harness-engine").daemon().start(this::loop);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- flows and commands -------------------------------------------------------------------

    /** Makes a flow available; returns it with the revision it was stored under. */
    public Flow deploy(Flow flow) {
        return flows.put(flow);
    }

    /** Starts an execution of the latest revision of a flow; returns its id. */
    public String start(String namespace, String flowId, Map<String, Object> inputs) {
        String id = Ids.random();
        send(CreateExecution.of(id, namespace, flowId, inputs == null ? Map.of() : inputs));
        return id;
    }

    /** Starts an execution and waits until it ends or nothing more can happen. */
    public Execution run(String namespace, String flowId, Map<String, Object> inputs) {
        return await(start(namespace, flowId, inputs));
    }

    /** Sends a command, as the api would. */
    public void send(ExecutionCommand command) {
        enqueue(new Event.Command(roundTrip(command, ExecutionCommand.class)));
    }

    /** Ends an execution FAILED from outside, as the Kafka executor does when it cannot go on with it. */
    public void abort(String executionId, String reason) {
        enqueue(new Event.Abort(executionId, reason));
    }

    private void enqueue(Event e) {
        pending.incrementAndGet();
        events.add(e);
    }

    // ---- waiting and reading ------------------------------------------------------------------

    /** Waits until the execution has ended, or is stuck waiting for outside input (e.g. PAUSED). */
    public Execution await(String executionId) {
        return await(executionId, e -> e.status().isTerminal(), true);
    }

    /** Waits until the execution reaches {@code status}; fails if it settles in another state. */
    public Execution awaitStatus(String executionId, ExecutionStatus status) {
        Execution e = await(executionId, x -> x.status() == status, true);
        if (e.status() != status) {
            throw new IllegalStateException("execution " + executionId + " settled in " + e.status()
                + ", not " + status);
        }
        return e;
    }

    /** Waits until {@code condition} holds for the execution (or, if {@code orQuiet}, nothing more happens). */
    public Execution await(String executionId, Predicate<Execution> condition, boolean orQuiet) {
        return waitUntil(() -> {
            ExecutionState st = states.get(executionId);
            if (st == null) {
                return null;
            }
            Execution e = Execution.of(st);
            return condition.test(e) || orQuiet && quiet() ? e : null;
        }, () -> "execution " + executionId + (states.containsKey(executionId)
            ? " (state " + states.get(executionId).header().status() + ")" : " (never created)"));
    }

    /** Waits until nothing is queued, running, or due on a timer that can still change anything. */
    public void awaitQuiet() {
        waitUntil(() -> quiet() ? Boolean.TRUE : null, () -> "the harness to settle");
    }

    /** Re-checks {@code check} (under the lock) after every change until it gives a value. */
    private <T> T waitUntil(Supplier<T> check, Supplier<String> what) {
        long deadline = System.nanoTime() + awaitTimeout.toNanos();
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    throw new IllegalStateException("the orchestrator failed: " + failure, failure);
                }
                T result = check.get();
                if (result != null) {
                    return result;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("timed out waiting for " + what.get());
                }
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ie);
        } finally {
            lock.unlock();
        }
    }

    /** The execution as it is now, or null. */
    public Execution execution(String executionId) {
        lock.lock();
        try {
            ExecutionState st = states.get(executionId);
            return st == null ? null : Execution.of(st);
        } finally {
            lock.unlock();
        }
    }

    /** Every execution of a flow, in creation order. */
    public List<Execution> executions(String namespace, String flowId) {
        lock.lock();
        try {
            List<Execution> list = new ArrayList<>();
            for (String id : order) {
                ExecutionHeader h = states.get(id).header();
                if (h.namespace().equals(namespace) && h.flowId().equals(flowId)) {
                    list.add(Execution.of(states.get(id)));
                }
            }
            return list;
        } finally {
            lock.unlock();
        }
    }

    /** The log lines of an execution (tasks and orchestrator), in arrival order. */
    public List<LogEntry> logs(String executionId) {
        return List.copyOf(logs.getOrDefault(executionId, List.of()));
    }

    /** Metrics recorded by tasks. */
    public List<MetricEntry> metrics() {
        return List.copyOf(metrics);
    }

    /** Stops timers from firing (they stay pending), so a test can act while executions wait. */
    public void holdTimers() {
        timersHeld = true;
    }

    /** Lets held timers fire again. */
    public void releaseTimers() {
        timersHeld = false;
        signal();
    }

    /** The harness clock (virtual or real). */
    public Clock clock() {
        return clock;
    }

    // ---- the engine -------------------------------------------------------------------------

    private void loop() {
        while (!closed) {
            try {
                Event e = events.poll();
                if (e == null) {
                    Timer due = dueTimer();
                    if (due != null) {
                        process(new Event.TimerDue(due));
                        pending.decrementAndGet();
                        continue;
                    }
                    signal();
                    e = events.poll(pollMillis(), TimeUnit.MILLISECONDS);
                    if (e == null) {
                        continue;
                    }
                }
                process(e);
                pending.decrementAndGet();
            } catch (InterruptedException ie) {
                return;
            }
        }
    }

    private long pollMillis() {
        lock.lock();
        try {
            Timer next = timers.peek();
            if (next == null || virtualClock != null) {
                return 20;
            }
            long ms = Duration.between(clock.instant(), next.dueAt()).toMillis();
            return Math.max(1, Math.min(ms, 50));
        } finally {
            lock.unlock();
        }
    }

    /** The next timer to fire now: when due on the real clock, or as soon as all is idle on a virtual one. */
    private Timer dueTimer() {
        lock.lock();
        try {
            Timer next = timers.peek();
            if (next == null || timersHeld) {
                return null;
            }
            if (virtualClock != null) {
                if (runningTasks.get() > 0 || pending.get() > 0) {
                    return null;
                }
                virtualClock.advanceTo(next.dueAt());
            } else if (next.dueAt().isAfter(clock.instant())) {
                return null;
            }
            timers.poll();
            timerKeys.remove(next.key());
            pending.incrementAndGet();
            return next;
        } finally {
            lock.unlock();
        }
    }

    private void process(Event event) {
        lock.lock();
        try {
            if (failure != null) {
                return;
            }
            if (virtualClock != null) {
                // each event takes a millisecond of virtual time, so the order of what happened shows in dates
                virtualClock.advanceTo(virtualClock.instant().plusMillis(1));
            }
            ExecutionState state = states.get(event.executionId());
            Decision d = orchestrator.apply(state, event, flows.flowFor(event, state), clock);
            if (state == null && d.header() != null) {
                states.put(d.header().id(), ExecutionState.of(d.header(), d.taskRuns()));
                order.add(d.header().id());
            }
            route(d);
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }

    private void route(Decision d) {
        for (LogEntry l : d.logs()) {
            log(l);
        }
        for (KillTaskRun kill : d.killTaskRuns()) {
            runner.kill(roundTrip(kill, KillTaskRun.class));
        }
        for (WorkerTask wt : d.workerTasks()) {
            submit(roundTrip(wt, WorkerTask.class));
        }
        for (ExecutionCommand c : d.commands()) {
            enqueue(new Event.Command(roundTrip(c, ExecutionCommand.class)));
        }
        for (Timer t : d.timers()) {
            if (timerKeys.add(t.key())) {
                timers.add(t);
            }
        }
        for (ConcurrencySlot s : d.concurrency()) {
            ConcurrencyLimiter.Outcome o = ConcurrencyLimiter.apply(slots.get(s.flowKey()), s);
            slots.put(s.flowKey(), o.slots());
            for (ExecutionCommand c : o.commands()) {
                enqueue(new Event.Command(roundTrip(c, ExecutionCommand.class)));
            }
        }
    }

    private void submit(WorkerTask task) {
        runningTasks.incrementAndGet();
        workers.submit(() -> {
            WorkerTaskResult result;
            try {
                parallelism.acquire();
                try {
                    result = runner.run(task, taskEvents);
                } finally {
                    parallelism.release();
                }
            } catch (InterruptedException e) {
                TaskRun r = task.taskRun();
                result = new WorkerTaskResult(r.executionId(), r.id(), task.attempt(), TaskRunStatus.KILLED, null,
                    "the harness stopped", clock.instant(), clock.instant(), "local");
            }
            // the result is queued before the task stops counting as running, so the engine never
            // sees a moment where nothing runs and nothing is queued while a result is on its way
            enqueue(new Event.TaskResult(roundTrip(result, WorkerTaskResult.class)));
            runningTasks.decrementAndGet();
            return null;
        });
    }

    private final TaskEvents taskEvents = new TaskEvents() {
        @Override
        public void log(LogEntry entry) {
            FlowHarness.this.log(entry);
        }

        @Override
        public void metric(MetricEntry entry) {
            metrics.add(entry);
        }
    };

    private void log(LogEntry entry) {
        logs.computeIfAbsent(entry.executionId(), k -> new CopyOnWriteArrayList<>()).add(entry);
        if (logListener != null) {
            logListener.accept(entry);
        }
    }

    /** Nothing queued, nothing running, and no timer that can still change anything. */
    private boolean quiet() {
        if (pending.get() > 0 || runningTasks.get() > 0) {
            return false;
        }
        for (Timer t : timers) {
            if (isLive(t)) {
                return false;
            }
        }
        return true;
    }

    private boolean isLive(Timer t) {
        ExecutionState st = states.get(t.executionId());
        if (st == null) {
            return false;
        }
        ExecutionStatus s = st.header().status();
        TaskRun r = t.taskRunId() == null ? null : st.taskRun(t.taskRunId());
        return switch (t.kind()) {
            case START -> s == ExecutionStatus.CREATED;
            case FLOW_RETRY -> s == ExecutionStatus.FAILED;
            case RETRY -> r != null && r.status() == TaskRunStatus.RETRYING && r.attemptNumber() == t.attempt();
            case TASK_TIMEOUT -> r != null && r.status() == TaskRunStatus.RUNNING && r.attemptNumber() == t.attempt();
            case PAUSE_RESUME, PAUSE_TIMEOUT -> r != null && r.status() == TaskRunStatus.PAUSED;
            case WAKE -> r != null && r.status() == TaskRunStatus.RUNNING;
        };
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Serialises and reads back a message, as crossing a Kafka topic would. */
    private static <T> T roundTrip(T value, Class<T> type) {
        return Json.mapper().readValue(Json.write(value), type);
    }

    @Override
    public void close() {
        closed = true;
        engine.interrupt();
        workers.shutdownNow();
        runner.close();
    }

    /** Options of a harness. */
    public static final class Builder {
        private Instant virtualStart;
        private SecretProvider secrets = SecretProvider.none();
        private Map<String, String> envs = Map.of();
        private Path workRoot = Path.of(System.getProperty("java.io.tmpdir"), "millrace-work");
        private int parallelism = 8;
        private Consumer<LogEntry> logListener;
        private Duration awaitTimeout = Duration.ofSeconds(60);
        private int maxSubflowDepth = Orchestrator.DEFAULT_MAX_SUBFLOW_DEPTH;

        /** Use a virtual clock starting at {@code start}: timers fire as soon as all is idle. */
        public Builder virtualTime(Instant start) {
            this.virtualStart = start;
            return this;
        }

        public Builder secrets(SecretProvider provider) {
            this.secrets = provider;
            return this;
        }

        public Builder envs(Map<String, String> values) {
            this.envs = values;
            return this;
        }

        public Builder workRoot(Path dir) {
            this.workRoot = dir;
            return this;
        }

        /** How many tasks may run at once. */
        public Builder parallelism(int n) {
            this.parallelism = n;
            return this;
        }

        public Builder onLog(Consumer<LogEntry> listener) {
            this.logListener = listener;
            return this;
        }

        public Builder awaitTimeout(Duration timeout) {
            this.awaitTimeout = timeout;
            return this;
        }

        /** How deep subflows may nest, as {@code millrace.executor.max-subflow-depth} says. */
        public Builder maxSubflowDepth(int depth) {
            this.maxSubflowDepth = depth;
            return this;
        }

        public FlowHarness build() {
            return new FlowHarness(this);
        }
    }
}
