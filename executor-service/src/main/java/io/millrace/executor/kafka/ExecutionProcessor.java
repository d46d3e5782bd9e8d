package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Event;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.orchestrator.Timer;
import io.millrace.kafka.RecordLimits;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.DeleteExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.model.worker.WorkerTaskResult;
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

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The executor's one processor, a custom joiner: commands, worker results and the attempts workers
 * took arrive here (all keyed by execution id), with the dead-worker verdicts (sent to every partition).
 * Each event goes to the {@link EventApplier}, which loads the execution's latest state, lets the
 * orchestrator decide and writes the changed records and every output, all within the stream task's
 * exactly-once transaction and only when every record fits what Kafka accepts: every event is folded
 * into the one stored state, so no intermediate result can be lost. The attempts workers hold are kept
 * ({@link HeldAttempts}) until their results arrive, so that a dead worker's are sent again. Due
 * timers, late flow revisions and store eviction of ended executions are handled by a wall-clock
 * punctuator over small time-ordered indexes. A record that cannot be read, or whose handling fails,
 * goes to {@code dead_letters}; the stream goes on.
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
    private EventApplier applier;
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
        InstantSource clock = () -> Instant.ofEpochMilli(context.currentSystemTimeMs());
        this.applier = new EventApplier(context, orchestrator, flows, executions, writer, pending, poison, clock);
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
        applier.handle(event, record.key(), record.value(), true);
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
            applier.handle(new Event.WorkerLost(r.executionId(), r.taskRunId(), r.attempt(), verdict), record.key(),
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
            applier.handle(new Event.WorkerLost(r.executionId(), r.taskRunId(), r.attempt(), worker), r.key(), null, false);
            writer.forward(Sinks.WORKER_TASK_RUNNING, r.key(), null);
        }
        if (!lost.isEmpty()) {
            LOG.info("{} (incarnation {}) is dead: {} attempts it held on partition {} are lost", worker.describe(),
                worker.incarnation(), lost.size(), context.recordMetadata().map(RecordMetadata::partition).orElse(-1));
        }
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

    // ---- wall-clock work --------------------------------------------------------------------

    private void punctuate(long now) {
        for (Timer t : takeDue(timers, now)) {
            applier.handle(new Event.TimerDue(t), t.executionId(), null, false);
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
            applier.handle(new Event.Command(c), c.executionId(), null, false);
        }
    }
}
