package io.millrace.executor.orchestrator;

import io.millrace.model.command.ConcurrencySlot;
import io.millrace.model.Concurrency;
import io.millrace.model.Flow;
import io.millrace.model.LogLevel;
import io.millrace.model.command.CompleteSubflowTask;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.ParentTask;
import io.millrace.model.execution.State;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.runtime.Variables;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.NextTaskRun;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.template.TemplateEngine;
import io.millrace.util.Ids;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.millrace.util.Truth;

/**
 * The working set of one event: the execution being changed, what the event asked for so far,
 * and the queue of scopes (the flow's top level or a flowable task run) to resolve again because
 * one of their children changed. Handlers change task runs through it; {@link Progression} then
 * drives the queue to a fixed point. Lives for one {@code apply} call.
 */
final class ExecutionStep {

    /** A scope to resolve again: a flowable task run (or the top level, {@code parentId == null}). */
    record Work(String parentId, TaskRun trigger) {
    }

    private final ExecutionState state;
    private final Flow flow;
    private final Instant now;
    private final TemplateEngine engine;
    private final int maxSubflowDepth;

    final List<WorkerTask> workerTasks = new ArrayList<>();
    final List<ExecutionCommand> commands = new ArrayList<>();
    final List<LogEntry> logs = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    final List<KillTaskRun> kills = new ArrayList<>();
    final List<ConcurrencySlot> concurrency = new ArrayList<>();
    final ArrayDeque<Work> queue = new ArrayDeque<>();

    ExecutionStep(ExecutionState state, Flow flow, Instant now, TemplateEngine engine, int maxSubflowDepth) {
        this.state = state;
        this.flow = flow;
        this.now = now;
        this.engine = engine;
        this.maxSubflowDepth = maxSubflowDepth;
    }

    ExecutionState state() {
        return state;
    }

    Flow flow() {
        return flow;
    }

    Instant now() {
        return now;
    }

    TemplateEngine engine() {
        return engine;
    }

    /** The deepest a subflow may run ({@link io.millrace.model.execution.ExecutionHeader#subflowDepth}). */
    int maxSubflowDepth() {
        return maxSubflowDepth;
    }

    ExecutionHeader header() {
        return state.header();
    }

    boolean killing() {
        return header().status() == ExecutionStatus.KILLING;
    }

    /** Moves the execution to {@code status} (checked against the execution table). */
    void setStatus(ExecutionStatus status) {
        state.setHeader(header().to(status, now));
    }

    void setHeader(ExecutionHeader header) {
        state.setHeader(header);
    }

    /** A RESTARTED or PAUSED execution about to run work again becomes RUNNING. */
    void ensureRunning() {
        ExecutionStatus s = header().status();
        if (s == ExecutionStatus.RESTARTED) {
            setStatus(ExecutionStatus.RUNNING);
        }
    }

    Task task(TaskRun run) {
        Task t = flow.task(run.taskId());
        if (t == null) {
            throw new IllegalStateException("task " + run.taskId() + " of execution " + run.executionId()
                + " is not in flow " + flow.ref() + " revision " + flow.revision());
        }
        return t;
    }

    void put(TaskRun run) {
        state.put(run);
    }

    /** Resolve {@code parentId}'s scope (null: top level) again because {@code trigger} changed. */
    void enqueue(String parentId, TaskRun trigger) {
        queue.add(new Work(parentId, trigger));
    }

    // ---- creating and running task runs -----------------------------------------------------

    /** Creates the child task run {@code next} asks for under {@code parentId} and starts it. */
    void createChild(String parentId, NextTaskRun next) {
        ExecutionHeader h = header();
        int seq = h.taskRunCount();
        setHeader(h.withTaskRunCount(seq + 1));
        Task task = next.task();
        String id = Ids.derived(h.id(), parentId, task.id(), next.value(), String.valueOf(next.iteration()));
        TaskRun run = TaskRun.created(id, h.id(), h.namespace(), h.flowId(), task.id(), parentId, next.value(),
            next.iteration(), seq, now);
        put(run);
        if (task.runIf() != null) {
            String rendered;
            try {
                rendered = engine.render(task.runIf(), Variables.forTask(flow, state, task, run));
            } catch (RuntimeException e) {
                fail(run, "runIf cannot be rendered: " + userMessage(e));
                return;
            }
            if (!Truth.isTruthy(rendered)) {
                end(run, TaskRunStatus.SKIPPED, null);
                return;
            }
        }
        start(run, task);
    }

    /** Starts a created (or restarted) task run: a worker task for a runnable, a resolution for a flowable. */
    void start(TaskRun run, Task task) {
        if (task instanceof FlowableTask) {
            put(run.to(TaskRunStatus.RUNNING, now));
            enqueue(run.id(), null);
        } else if (task instanceof RunnableTask) {
            dispatch(run, task);
        } else {
            fail(run, "task type " + task.type() + " is neither runnable nor flowable");
        }
    }

    /** Sends a new attempt of a runnable task run to the workers. */
    void dispatch(TaskRun run, Task task) {
        ensureRunning();
        sendAttempt(run.to(TaskRunStatus.RUNNING, now).withError(null), task);
    }

    /**
     * Sends a runnable task run that stays RUNNING again, as a new attempt: its previous attempt was
     * abandoned (its worker stopped) and marked RESUBMITTED.
     */
    void dispatchAgain(TaskRun run, Task task) {
        sendAttempt(run, task);
    }

    private void sendAttempt(TaskRun run, Task task) {
        TaskRun running = run.withAttempt(new TaskRunAttempt(State.of(TaskRunStatus.RUNNING, now), null));
        put(running);
        workerTasks.add(new WorkerTask(running, task, Variables.forTask(flow, state, task, running)));
        if (task.timeout() != null) {
            timers.add(new Timer(running.executionId(), Timer.Kind.TASK_TIMEOUT, running.id(),
                running.attemptNumber(), now.plus(task.timeout()).plus(Orchestrator.TIMEOUT_GRACE)));
        }
    }

    /** Asks workers to stop the current attempt of {@code run}. */
    void killAttempt(TaskRun run) {
        kills.add(new KillTaskRun(run.executionId(), run.id(), run.attemptNumber()));
    }

    /** Ends a task run in {@code status}, applying its task's allowFailure / allowWarning. */
    void end(TaskRun run, TaskRunStatus status, String error) {
        Task task = task(run);
        TaskRunStatus effective = status;
        if (status == TaskRunStatus.FAILED && task.isAllowFailure()) {
            effective = TaskRunStatus.WARNING;
        } else if (status == TaskRunStatus.WARNING && task.isAllowWarning()) {
            effective = TaskRunStatus.SUCCESS;
        }
        TaskRun ended = run.to(effective, now);
        if (error != null) {
            ended = ended.withError(error);
        }
        put(ended);
        enqueue(ended.parentTaskRunId(), ended);
    }

    /** Fails a task run with a message that also goes to the execution's logs. */
    void fail(TaskRun run, String error) {
        log(run, LogLevel.ERROR, error);
        end(run, TaskRunStatus.FAILED, error);
    }

    // ---- the execution as a whole -----------------------------------------------------------

    /** Asks the flow's concurrency limiter for a slot, or starts at once when the flow has no limit. */
    void admit() {
        Concurrency c = flow.concurrency();
        if (c != null && c.limit() != null && c.limit() > 0) {
            concurrency.add(new ConcurrencySlot(ConcurrencySlot.Action.ACQUIRE, flow.namespace(), flow.id(),
                header().id(), c.limit(), c.effectiveBehavior()));
        } else {
            begin();
        }
    }

    /** Starts a created or queued execution: its top level is resolved. */
    void begin() {
        setStatus(ExecutionStatus.RUNNING);
        enqueue(null, null);
    }

    /** Gives the concurrency slot back, when the flow has a limit. */
    void releaseSlot() {
        Concurrency c = flow == null ? null : flow.concurrency();
        if (c != null && c.limit() != null && c.limit() > 0) {
            concurrency.add(new ConcurrencySlot(ConcurrencySlot.Action.RELEASE, flow.namespace(), flow.id(),
                header().id(), c.limit(), c.effectiveBehavior()));
        }
    }

    /**
     * Tells the Subflow task run waiting for this execution (if one waits) how it ended.
     *
     * @param childError why it ended without running its flow through (see {@link CompleteSubflowTask#childError})
     */
    void tellParent(ExecutionStatus end, Map<String, Object> outputs, String outputsError, String childError) {
        ParentTask p = header().parentTask();
        if (p != null) {
            commands.add(new CompleteSubflowTask(p.executionId(), p.taskRunId(), header().id(), end, outputs,
                outputsError, childError));
        }
    }

    // ---- logs --------------------------------------------------------------------------------

    void log(TaskRun run, LogLevel level, String message) {
        ExecutionHeader h = header();
        logs.add(new LogEntry(h.namespace(), h.flowId(), h.id(), run == null ? null : run.taskId(),
            run == null ? null : run.id(), run == null || run.attempts().isEmpty() ? null : run.attemptNumber(), now,
            level, message, "executor"));
    }

    /** A message for users: the exception's own message, never a stack trace. */
    static String userMessage(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Merges {@code extra} into {@code base} (null-safe), for plans and outputs. */
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (base != null) {
            m.putAll(base);
        }
        if (extra != null) {
            m.putAll(extra);
        }
        return m;
    }

    Decision decision(ExecutionState.Changes changes) {
        return new Decision(changes.header(), changes.taskRuns(), changes.removedTaskRunIds(), List.copyOf(workerTasks),
            List.copyOf(commands), List.copyOf(logs), List.copyOf(timers), List.copyOf(kills),
            List.copyOf(concurrency));
    }
}
