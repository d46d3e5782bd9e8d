package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Decision;
import io.millrace.executor.orchestrator.Event;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.orchestrator.Timer;
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

/**
 * The executor's one processor: the custom joiner of DESIGN §5. Commands and worker results of an
 * execution arrive here (both keyed by execution id); for each, it loads the execution's latest
 * state, lets the {@link Orchestrator} decide, stores the changed records and forwards every output,
 * all within the stream task's exactly-once transaction. No intermediate result can be lost: every
 * event is folded into the one stored state. Due timers, late flow revisions and store eviction of
 * ended executions are handled by a wall-clock punctuator over small time-ordered indexes.
 * A record that cannot be read, or whose handling fails, goes to {@code dead_letters}; the stream
 * goes on.
 */
final class ExecutionProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProcessor.class);
    private static final VersionedJsonSerde<ExecutionCommand> COMMANDS = VersionedJsonSerde.of(Topic.EXECUTION_COMMANDS);
    private static final VersionedJsonSerde<WorkerTaskResult> RESULTS = VersionedJsonSerde.of(Topic.WORKER_TASK_RESULTS);

    private final Orchestrator orchestrator;
    private final FlowCache flows;
    private final ExecutorSettings settings;
    private final String commandsTopic;

    private ProcessorContext<String, Object> context;
    private ExecutionStores executions;
    private KeyValueStore<String, Timer> timers;
    private KeyValueStore<String, String> evictions;
    private KeyValueStore<String, PendingCreation> pending;
    private InstantSource clock;

    ExecutionProcessor(Orchestrator orchestrator, FlowCache flows, ExecutorSettings settings, String commandsTopic) {
        this.orchestrator = orchestrator;
        this.flows = flows;
        this.settings = settings;
        this.commandsTopic = commandsTopic;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.executions = new ExecutionStores(context.getStateStore(Stores.HEADERS),
            context.getStateStore(Stores.TASK_RUNS), settings.cacheSize());
        this.timers = context.getStateStore(Stores.TIMERS);
        this.evictions = context.getStateStore(Stores.EVICTIONS);
        this.pending = context.getStateStore(Stores.PENDING);
        // under TopologyTestDriver this is the driver's mock wall clock, in production the real one
        this.clock = () -> Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.schedule(settings.punctuation(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        Event event;
        try {
            event = topic.equals(commandsTopic)
                ? new Event.Command(COMMANDS.deserialize(topic, record.value()))
                : new Event.TaskResult(RESULTS.deserialize(topic, record.value()));
        } catch (SerializationException e) {
            DeadLetters.send(context, record.key(), record.value(), e.getMessage(), "executor");
            return;
        }
        if (event instanceof Event.Command(var c) && c == null || event instanceof Event.TaskResult(var r) && r == null) {
            return; // a tombstone on an input topic: nothing to apply
        }
        if (event instanceof Event.Command(DeleteExecution c)) {
            delete(c);
            return;
        }
        handle(event, record.key(), record.value(), true);
    }

    /**
     * Applies one event and writes its decision.
     *
     * @param mayWait whether a creation for a flow revision not received yet may wait for it
     */
    private void handle(Event event, String key, byte[] raw, boolean mayWait) {
        String id = event.executionId();
        try {
            ExecutionState state = executions.get(id);
            if (state == null) {
                state = rehydrate(event);
            }
            Flow flow = flowFor(event, state);
            if (mayWait && state == null && flow == null && event instanceof Event.Command(CreateExecution c)
                && waitsForFlow(c)) {
                pending.put(c.executionId(), new PendingCreation(c, context.currentSystemTimeMs()));
                return;
            }
            Decision d = orchestrator.apply(state, event, flow, clock);
            if (state == null && d.header() != null) {
                executions.adopt(ExecutionState.of(d.header(), d.taskRuns()));
            }
            write(d, event);
        } catch (RuntimeException e) {
            executions.forget(id);
            LOG.error("cannot apply {} to execution {}; sent to dead letters", event.getClass().getSimpleName(), id, e);
            DeadLetters.send(context, key, raw != null ? raw : Json.write(event).getBytes(StandardCharsets.UTF_8),
                e.getClass().getSimpleName() + ": " + e.getMessage(), "executor");
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
        long ts = context.currentSystemTimeMs();
        for (String run : runs) {
            forward(Sinks.TASKRUNS, Keys.taskRun(id, run), null, ts);
        }
        forward(Sinks.EXECUTIONS, id, null, ts);
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

    private void write(Decision d, Event event) {
        long ts = context.currentSystemTimeMs();
        if (d.header() != null) {
            executions.saveHeader(d.header());
            forward(Sinks.EXECUTIONS, d.header().id(), d.header(), ts);
            if (d.header().status().isTerminal()) {
                evictions.put(Stores.dueKey(ts + settings.terminalRetention().toMillis(), d.header().id()),
                    d.header().id());
            }
        }
        for (TaskRun r : d.taskRuns()) {
            executions.saveTaskRun(r);
            forward(Sinks.TASKRUNS, Keys.taskRun(r.executionId(), r.id()), r, ts);
        }
        String executionId = event.executionId();
        for (String removed : d.removedTaskRuns()) {
            executions.deleteTaskRun(executionId, removed);
            forward(Sinks.TASKRUNS, Keys.taskRun(executionId, removed), null, ts);
        }
        for (WorkerTask wt : d.workerTasks()) {
            forward(Sinks.WORKER_TASKS, Keys.taskRun(wt.taskRun().executionId(), wt.taskRun().id()), wt, ts);
        }
        for (ExecutionCommand c : d.commands()) {
            forward(Sinks.EXECUTION_COMMANDS, c.executionId(), c, ts);
        }
        for (LogEntry l : d.logs()) {
            forward(Sinks.LOGS, l.executionId(), l, ts);
        }
        for (Timer t : d.timers()) {
            timers.put(Stores.dueKey(t.dueAt().toEpochMilli(), t.key()), t);
        }
        for (KillTaskRun k : d.killTaskRuns()) {
            forward(Sinks.EXECUTION_KILLED, k.executionId(), k, ts);
        }
        for (ConcurrencySlot s : d.concurrency()) {
            forward(Sinks.CONCURRENCY_SLOTS, s.flowKey(), s, ts);
        }
        if (event instanceof Event.TaskResult(WorkerTaskResult r)) {
            // the attempt's result is applied: the worker's running record has served its purpose
            forward(Sinks.WORKER_TASK_RUNNING, Keys.taskRun(r.executionId(), r.taskRunId()), null, ts);
        }
    }

    private void forward(Sinks sink, String key, Object value, long ts) {
        context.forward(new Record<>(key, value, ts), sink.node());
    }

    // ---- wall-clock work --------------------------------------------------------------------

    private void punctuate(long now) {
        for (Timer t : takeDue(timers, now)) {
            handle(new Event.TimerDue(t), t.executionId(), null, false);
        }
        retryPending(now);
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
