package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Decision;
import io.millrace.executor.orchestrator.Event;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.orchestrator.Timer;
import io.millrace.kafka.RecordLimits;
import io.millrace.model.Flow;
import io.millrace.model.command.ConcurrencySlot;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.CreateReplayedExecution;
import io.millrace.model.command.DeleteExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.command.ReplayExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.serde.Json;
import io.millrace.topics.Keys;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The executor's one processor, a custom joiner: commands, worker results and the attempts workers
 * took arrive here (all keyed by execution id), with the dead-worker verdicts (sent to every partition);
 * for each event, it loads the execution's latest state, lets the {@link Orchestrator} decide, stores the
 * changed records and forwards every output, all within the stream task's exactly-once transaction, and
 * only when every record fits what Kafka accepts. No intermediate result can be lost: every
 * event is folded into the one stored state. Due timers, late flow revisions and store eviction of
 * ended executions are handled by a wall-clock punctuator over small time-ordered indexes.
 * A record that cannot be read, or whose handling fails, goes to {@code dead_letters}; the stream
 * goes on.
 */
final class ExecutionProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProcessor.class);
    private static final VersionedJsonSerde<ExecutionCommand> COMMANDS = VersionedJsonSerde.of(Topic.EXECUTION_COMMANDS);
    private static final VersionedJsonSerde<WorkerTaskResult> RESULTS = VersionedJsonSerde.of(Topic.WORKER_TASK_RESULTS);
    private static final VersionedJsonSerde<WorkerTaskRunning> RUNNING = VersionedJsonSerde.of(Topic.WORKER_TASK_RUNNING);
    private static final VersionedJsonSerde<DeadWorker> DEAD_WORKERS = VersionedJsonSerde.of(Topic.DEAD_WORKERS);
    /** How often verdicts older than the detector's memory are forgotten. */
    private static final long VERDICT_CLEANUP_MS = 60_000;

    /** The full names of the input topics, to tell records apart. */
    record Inputs(String commands, String results, String running, String deadWorkers) {
    }

    /** How far an event that cannot be written has been turned into a smaller one. */
    private enum Fallback { NONE, RESULT_WITHOUT_OUTPUTS, ABORT }

    private final Orchestrator orchestrator;
    private final FlowCache flows;
    private final ExecutorSettings settings;
    private final Inputs inputs;
    private final RecordLimits limits;
    private final Function<Sinks, String> topics;
    private final PoisonRecords poison;
    private final long verdictMemoryMs;

    private ProcessorContext<String, Object> context;
    private ExecutionStores executions;
    private DecisionWriter writer;
    private KeyValueStore<String, Timer> timers;
    private KeyValueStore<String, String> evictions;
    private KeyValueStore<String, PendingCreation> pending;
    private HeldAttempts held;
    private InstantSource clock;
    private long verdictsCleanedAt;

    ExecutionProcessor(Orchestrator orchestrator, FlowCache flows, ExecutorSettings settings, Inputs inputs,
                       RecordLimits limits, Function<Sinks, String> topics, PoisonRecords poison) {
        this.orchestrator = orchestrator;
        this.flows = flows;
        this.settings = settings;
        this.inputs = inputs;
        this.limits = limits;
        this.topics = topics;
        this.poison = poison;
        this.verdictMemoryMs = settings.deadWorkers().memory().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.executions = new ExecutionStores(context.getStateStore(Stores.HEADERS),
            context.getStateStore(Stores.TASK_RUNS), settings.cacheSize());
        this.timers = context.getStateStore(Stores.TIMERS);
        this.evictions = context.getStateStore(Stores.EVICTIONS);
        this.pending = context.getStateStore(Stores.PENDING);
        this.held = new HeldAttempts(context.getStateStore(Stores.HELD), context.getStateStore(Stores.HELD_BY_WORKER),
            context.getStateStore(Stores.DEAD_INCARNATIONS));
        this.writer = new DecisionWriter(context, executions, timers, evictions, limits, topics,
            settings.terminalRetention());
        // under TopologyTestDriver this is the driver's mock wall clock, in production the real one
        this.clock = () -> Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.schedule(settings.punctuation(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? "" : meta.topic();
        if (record.value() == null) {
            return; // a tombstone on an input topic (ours on worker_task_running, or compaction's): nothing to apply
        }
        Event event;
        try {
            if (topic.equals(inputs.running())) {
                attemptTaken(RUNNING.deserialize(topic, record.value()), record);
                return;
            }
            if (topic.equals(inputs.deadWorkers())) {
                workerDead(DEAD_WORKERS.deserialize(topic, record.value()));
                return;
            }
            event = topic.equals(inputs.commands())
                ? new Event.Command(COMMANDS.deserialize(topic, record.value()))
                : new Event.TaskResult(RESULTS.deserialize(topic, record.value()));
        } catch (SerializationException e) {
            DeadLetters.send(context, record.key(), record.value(), e.getMessage(), "executor");
            return;
        }
        if (event instanceof Event.Command(var c) && c == null || event instanceof Event.TaskResult(var r) && r == null) {
            return; // a JSON null: nothing to apply
        }
        if (event instanceof Event.Command(DeleteExecution c)) {
            delete(c);
            return;
        }
        handle(event, record.key(), record.value(), true);
        if (event instanceof Event.TaskResult(WorkerTaskResult r)
            && held.release(r.executionId(), r.taskRunId(), r.attempt())) {
            // the attempt's result is applied: the worker's running record has served its purpose
            writer.forward(Sinks.WORKER_TASK_RUNNING, Keys.taskRun(r.executionId(), r.taskRunId()), null);
        }
    }

    /**
     * A worker took an attempt: held until its result arrives, so that the attempt can be sent again if the
     * worker dies first. An attempt that ended or was superseded meanwhile (its result came first) is not
     * held; one recorded by an incarnation already declared dead is lost at once.
     */
    private void attemptTaken(WorkerTaskRunning r, Record<String, byte[]> record) {
        if (r == null) {
            return;
        }
        DeadWorker verdict = held.deadHolder(r);
        if (verdict != null) {
            handle(new Event.WorkerLost(r.executionId(), r.taskRunId(), r.attempt(), verdict), record.key(),
                record.value(), false);
        } else if (isCurrentAttempt(r)) {
            held.hold(r);
            return;
        }
        writer.forward(Sinks.WORKER_TASK_RUNNING, r.key(), null);
    }

    private boolean isCurrentAttempt(WorkerTaskRunning r) {
        ExecutionState state = executions.get(r.executionId());
        TaskRun run = state == null ? null : state.taskRun(r.taskRunId());
        return run != null && run.status() == TaskRunStatus.RUNNING && run.attemptNumber() == r.attempt()
            && run.lastAttempt() != null && run.lastAttempt().state().current() == TaskRunStatus.RUNNING;
    }

    /** A worker incarnation was declared dead: every attempt it held here is lost. */
    private void workerDead(DeadWorker worker) {
        if (worker == null) {
            return;
        }
        List<WorkerTaskRunning> lost = held.lose(worker);
        for (WorkerTaskRunning r : lost) {
            handle(new Event.WorkerLost(r.executionId(), r.taskRunId(), r.attempt(), worker), r.key(), null, false);
            writer.forward(Sinks.WORKER_TASK_RUNNING, r.key(), null);
        }
        if (!lost.isEmpty()) {
            LOG.info("{} (incarnation {}) is dead: {} attempts it held on partition {} are lost", worker.describe(),
                worker.incarnation(), lost.size(), context.recordMetadata().map(RecordMetadata::partition).orElse(-1));
        }
    }

    /**
     * Applies one event and writes its decision. A decision with a record too large for Kafka is not
     * written: a worker result is applied again as a failure without its outputs, anything else fails the
     * execution ({@link Event.Abort}). A failure to apply the event (a bug) sends it to the dead letters
     * and fails the execution, rather than leave it waiting for ever.
     *
     * @param mayWait whether a creation for a flow revision not received yet may wait for it
     */
    private void handle(Event event, String key, byte[] raw, boolean mayWait) {
        String id = event.executionId();
        Fallback fallback = Fallback.NONE;
        PoisonRecords.Poison refused = poison.pending(id);
        if (refused != null) {
            // Kafka refused what this execution wrote last time: fail it, or if even that was refused, set the
            // event aside, rather than repeat the refusal (which would stall the whole partition)
            LOG.error("Kafka refused a record of execution {} ({}): {}", id, refused.reason(),
                refused.refusals() == 1 ? "the execution is failed" : "its event goes to the dead letters");
            if (refused.refusals() > 1) {
                deadLetter(key, raw, event, refused.reason());
                poison.dealtWith(id);
                return;
            }
            event = new Event.Abort(id, "Kafka refused a record Millrace wrote for this execution ("
                + refused.reason() + "); the execution is failed so that the others go on");
            fallback = Fallback.ABORT;
        }
        while (true) {
            Outbox.TooLarge tooLarge;
            try {
                tooLarge = apply(event, mayWait);
            } catch (RuntimeException e) {
                executions.forget(id);
                LOG.error("cannot apply {} to execution {}; sent to dead letters", event.getClass().getSimpleName(), id, e);
                deadLetter(key, raw, event, e.getClass().getSimpleName() + ": " + e.getMessage());
                if (fallback == Fallback.ABORT || event instanceof Event.Abort) {
                    return;
                }
                event = new Event.Abort(id, "Millrace could not apply " + describe(event) + " to this execution ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); it is failed rather than left waiting");
                fallback = Fallback.ABORT;
                continue;
            }
            if (tooLarge == null) {
                if (refused != null) {
                    poison.dealtWith(id);
                }
                return;
            }
            executions.forget(id); // the orchestrator changed the cached state in place: back to what is stored
            LOG.warn("execution {}: {}", id, tooLarge.message());
            if (fallback == Fallback.NONE && event instanceof Event.TaskResult(WorkerTaskResult r)
                && tooLarge.sink() == Sinks.TASKRUNS && tooLarge.key().equals(Keys.taskRun(id, r.taskRunId()))
                && r.outputs() != null && !r.outputs().isEmpty()) {
                // the attempt's own outputs are too large: it fails without them, and the flow goes on as it says
                event = new Event.TaskResult(new WorkerTaskResult(r.executionId(), r.taskRunId(), r.attempt(),
                    TaskRunStatus.FAILED, null, "the outputs of this attempt cannot be kept: " + tooLarge.message(),
                    r.startedAt(), r.endedAt(), r.workerId()));
                fallback = Fallback.RESULT_WITHOUT_OUTPUTS;
            } else if (fallback != Fallback.ABORT && !(event instanceof Event.Abort)) {
                if (executions.get(id) == null) {
                    createFailed(event, tooLarge, key, raw);
                    return;
                }
                event = new Event.Abort(id, tooLarge.message());
                fallback = Fallback.ABORT;
            } else {
                LOG.error("execution {} cannot even be failed within Kafka's record size; its event goes to the dead "
                    + "letters", id);
                deadLetter(key, raw, event, tooLarge.message());
                return;
            }
        }
    }

    /**
     * A creation whose first decision does not fit: the execution is created FAILED, with no task run and the
     * reason in its logs (a parent waiting on it as a subflow is told), so that it is there to be seen.
     */
    private void createFailed(Event event, Outbox.TooLarge tooLarge, String key, byte[] raw) {
        Decision first;
        try {
            first = orchestrator.apply(null, event, flowFor(event, null), clock);
        } catch (RuntimeException e) {
            first = Decision.NONE;
        }
        executions.forget(event.executionId());
        ExecutionHeader h = first.header();
        Outbox.TooLarge still = h == null ? tooLarge : writer.write(FailedCreation.of(h, tooLarge.message(), clock.instant()),
            h.id(), true);
        if (still != null) {
            executions.forget(event.executionId());
            LOG.error("execution {} cannot be created within Kafka's record size; its command goes to the dead letters",
                event.executionId());
            deadLetter(key, raw, event, still.message());
        }
    }

    private void deadLetter(String key, byte[] raw, Event event, String error) {
        DeadLetters.send(context, key, raw != null ? raw : Json.write(event).getBytes(StandardCharsets.UTF_8), error,
            "executor");
    }

    /** Applies one event and writes its decision if every record fits; returns the one that does not. */
    private Outbox.TooLarge apply(Event event, boolean mayWait) {
        String id = event.executionId();
        ExecutionState state = executions.get(id);
        if (state == null) {
            state = rehydrate(event);
        }
        Flow flow = flowFor(event, state);
        if (mayWait && state == null && flow == null && event instanceof Event.Command(CreateExecution c)
            && waitsForFlow(c)) {
            pending.put(c.executionId(), new PendingCreation(c, context.currentSystemTimeMs()));
            return null;
        }
        Decision d = orchestrator.apply(state, event, flow, clock);
        return writer.write(d, id, state == null && d.header() != null);
    }

    private static String describe(Event event) {
        return switch (event) {
            case Event.Command(ExecutionCommand c) -> "a " + c.getClass().getSimpleName() + " command";
            case Event.TaskResult(WorkerTaskResult r) -> "the result of attempt " + r.attempt() + " of task run "
                + r.taskRunId();
            case Event.TimerDue(Timer t) -> "a " + t.kind() + " timer";
            case Event.WorkerLost l -> "the loss of attempt " + l.attempt() + " of task run " + l.taskRunId();
            case Event.Abort a -> "an abort";
        };
    }

    /**
     * Deletes an ended execution: out of the stores, and a tombstone for its header and each task run
     * (those in the store and those the command names, for an execution evicted already).
     */
    private void delete(DeleteExecution c) {
        String id = c.executionId();
        ExecutionState state = executions.get(id);
        if (state != null && !state.header().status().isTerminal()) {
            LOG.warn("execution {} is {}: not deleted (kill it first)", id, state.header().status());
            return;
        }
        java.util.Set<String> runs = new java.util.LinkedHashSet<>(c.taskRunIds());
        if (state != null) {
            state.taskRuns().forEach(r -> runs.add(r.id()));
        }
        executions.evict(id);
        for (String run : runs) {
            writer.forward(Sinks.TASKRUNS, Keys.taskRun(id, run), null);
        }
        writer.forward(Sinks.EXECUTIONS, id, null);
    }

    /** An ended execution that left the store comes back from the snapshot a restart or replay carries. */
    private ExecutionState rehydrate(Event event) {
        Execution snapshot = switch (event) {
            case Event.Command(RestartExecution c) -> c.snapshot();
            case Event.Command(ReplayExecution c) -> c.snapshot();
            default -> null;
        };
        if (snapshot == null) {
            return null;
        }
        executions.saveHeader(snapshot.header());
        snapshot.taskRuns().forEach(executions::saveTaskRun);
        return executions.get(snapshot.id());
    }

    private Flow flowFor(Event event, ExecutionState state) {
        if (state != null) {
            ExecutionHeader h = state.header();
            return flows.get(h.namespace(), h.flowId(), h.flowRevision());
        }
        if (event instanceof Event.Command(CreateExecution c)) {
            return flows.get(c.namespace(), c.flowId(), c.revision());
        }
        if (event instanceof Event.Command(CreateReplayedExecution c)) {
            return flows.get(c.header().namespace(), c.header().flowId(), c.header().flowRevision());
        }
        return null;
    }

    /** A creation naming a revision this executor has not received yet waits for it (the flow was just deployed). */
    private boolean waitsForFlow(CreateExecution c) {
        return c.revision() != null && !flows.knows(c.namespace(), c.flowId(), c.revision());
    }

    // ---- wall-clock work --------------------------------------------------------------------

    private void punctuate(long now) {
        for (Timer t : takeDue(timers, now)) {
            handle(new Event.TimerDue(t), t.executionId(), null, false);
        }
        retryPending(now);
        if (now - verdictsCleanedAt > VERDICT_CLEANUP_MS) {
            verdictsCleanedAt = now;
            held.forgetVerdictsBefore(now - verdictMemoryMs);
        }
        for (String id : takeDue(evictions, now)) {
            ExecutionState state = executions.get(id);
            if (state != null && state.header().status().isTerminal()) {
                executions.evict(id);
            }
        }
    }

    private static <V> List<V> takeDue(KeyValueStore<String, V> index, long now) {
        List<String> keys = new ArrayList<>();
        List<V> due = new ArrayList<>();
        try (KeyValueIterator<String, V> it = index.range("", Stores.dueUntil(now))) {
            it.forEachRemaining(kv -> {
                keys.add(kv.key);
                due.add(kv.value);
            });
        }
        keys.forEach(index::delete);
        return due;
    }

    /** Creations that waited for their flow revision: run them once it arrived, or fail them after the wait. */
    private void retryPending(long now) {
        List<CreateExecution> ready = new ArrayList<>();
        try (KeyValueIterator<String, PendingCreation> it = pending.all()) {
            it.forEachRemaining(kv -> {
                CreateExecution c = kv.value.command();
                boolean arrived = flows.knows(c.namespace(), c.flowId(), c.revision());
                boolean expired = now - kv.value.since() > settings.flowWait().toMillis();
                if (arrived || expired) {
                    ready.add(c);
                }
            });
        }
        for (CreateExecution c : ready) {
            pending.delete(c.executionId());
            handle(new Event.Command(c), c.executionId(), null, false);
        }
    }
}
