package io.millrace.executor.triggers;

import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.TaskRun;
import io.millrace.topics.Keys;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.triggers.TriggerMatcher;
import io.millrace.triggers.TriggerOutcome;
import io.millrace.triggers.TriggeringEnd;
import io.millrace.triggers.WindowMatch;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects each execution's task runs from {@code taskruns} and, when its header on
 * {@code executions} turns terminal, rebuilds the execution, lets the {@link TriggerMatcher} decide
 * and forwards the starts (to {@code execution_commands}), the MultipleCondition matches (to
 * {@code flow_trigger_windows}, keyed by trigger) and the skipped triggers (to {@code dead_letters}),
 * then forgets the task runs. Those of a FAILED or KILLED end are kept until its end mark expires:
 * a restart re-sends only the task runs it changes, and the next end needs the others' outputs.
 *
 * <p>The executor writes an ending header before the task runs of the same step, with the same
 * timestamp, so the header may be read first. An end is evaluated only once its stored task runs
 * are all terminal and the last one created is there; until then it waits in the pending store and
 * is retried as task runs arrive, or evaluated as it is after the settle grace. An end already
 * evaluated (same end number) is ignored, so a repeated header starts nothing twice.
 *
 * <p>While no flow has a Flow trigger, records are skipped unread: no end could start anything.
 *
 * <p>Recovery: an unreadable record or a failure while handling one goes to {@code dead_letters} and
 * the stream goes on; the stores are changelogged, so a restarted task resumes where it committed.
 */
final class ExecutionEndProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEndProcessor.class);
    private static final VersionedJsonSerde<ExecutionHeader> HEADERS = VersionedJsonSerde.of(Topic.EXECUTIONS);
    private static final VersionedJsonSerde<TaskRun> TASK_RUNS = VersionedJsonSerde.of(Topic.TASKRUNS);
    private static final StringSerializer PREFIX = new StringSerializer();

    private final FlowCatalog catalog;
    private final TriggerMatcher matcher;
    private final FlowTriggerSettings settings;
    private final String executionsTopic;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, TaskRun> taskRuns;
    private KeyValueStore<String, PendingEnd> pending;
    private KeyValueStore<String, EndMark> marks;
    private KeyValueStore<String, String> expiries;

    ExecutionEndProcessor(FlowCatalog catalog, TriggerMatcher matcher, FlowTriggerSettings settings,
                          String executionsTopic) {
        this.catalog = catalog;
        this.matcher = matcher;
        this.settings = settings;
        this.executionsTopic = executionsTopic;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.taskRuns = context.getStateStore(TriggerStores.TASK_RUNS);
        this.pending = context.getStateStore(TriggerStores.PENDING_ENDS);
        this.marks = context.getStateStore(TriggerStores.END_MARKS);
        this.expiries = context.getStateStore(TriggerStores.END_EXPIRIES);
        context.schedule(settings.punctuation(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (record.key() == null) {
            TriggerDeadLetters.send(context, null, record.value(), "a record of " + topic + " has no key", TriggerStores.ENDS_NODE);
            return;
        }
        if (catalog.index().listenerCount() == 0) {
            // no flow has a Flow trigger: no end can start anything, so nothing is worth keeping
            // (executions already running when the first Flow trigger is deployed are evaluated
            // with the task runs that arrive from then on)
            return;
        }
        try {
            if (topic.equals(executionsTopic)) {
                onHeader(record.key(), record.value());
            } else {
                onTaskRun(record.key(), record.value());
            }
        } catch (SerializationException e) {
            TriggerDeadLetters.send(context, record.key(), record.value(), e.getMessage(), TriggerStores.ENDS_NODE);
        } catch (RuntimeException e) {
            LOG.error("cannot handle record {} of {}; sent to dead letters", record.key(), topic, e);
            TriggerDeadLetters.send(context, record.key(), record.value(),
                e.getClass().getSimpleName() + ": " + e.getMessage(), TriggerStores.ENDS_NODE);
        }
    }

    private void onTaskRun(String key, byte[] value) {
        String executionId = Keys.executionId(key);
        if (value == null) {
            taskRuns.delete(key); // a restart or replay removed the run
        } else {
            TaskRun run = TASK_RUNS.deserialize(Topic.TASKRUNS.baseName(), value);
            if (run == null) {
                return;
            }
            taskRuns.put(Keys.taskRun(executionId, run.id()), run);
        }
        PendingEnd waiting = pending.get(executionId);
        if (waiting != null && settled(waiting.header())) {
            pending.delete(executionId);
            evaluate(waiting.header());
        }
    }

    private void onHeader(String key, byte[] value) {
        if (value == null) {
            forget(key);
            return;
        }
        ExecutionHeader h = HEADERS.deserialize(Topic.EXECUTIONS.baseName(), value);
        if (h == null) {
            return;
        }
        String id = h.id();
        if (!h.status().isTerminal()) {
            // running again (a restart): settle an end still waiting, and let the next end count anew
            PendingEnd waiting = pending.get(id);
            if (waiting != null) {
                pending.delete(id);
                evaluate(waiting.header());
            }
            EndMark mark = marks.get(id);
            if (mark != null) {
                marks.delete(id);
                expiries.delete(mark.expiryKey());
            }
            return;
        }
        int end = TriggeringEnd.endNumber(h);
        EndMark mark = marks.get(id);
        PendingEnd waiting = pending.get(id);
        if (mark != null && mark.endNumber() >= end
            || waiting != null && TriggeringEnd.endNumber(waiting.header()) >= end) {
            return; // this end was seen already
        }
        if (settled(h)) {
            pending.delete(id);
            evaluate(h);
        } else {
            pending.put(id, new PendingEnd(h, context.currentSystemTimeMs()));
        }
    }

    /** Whether every task run of the ended execution has arrived in its final state. */
    private boolean settled(ExecutionHeader h) {
        int maxSeq = -1;
        try (KeyValueIterator<String, TaskRun> it = taskRuns.prefixScan(h.id() + "/", PREFIX)) {
            while (it.hasNext()) {
                TaskRun run = it.next().value;
                if (!run.status().isTerminal()) {
                    return false;
                }
                maxSeq = Math.max(maxSeq, run.seq());
            }
        }
        return maxSeq + 1 >= h.taskRunCount();
    }

    /** Evaluates the triggers of an end, forwards what they decide, and forgets the execution's task runs. */
    private void evaluate(ExecutionHeader h) {
        List<String> keys = new ArrayList<>();
        List<TaskRun> runs = new ArrayList<>();
        try (KeyValueIterator<String, TaskRun> it = taskRuns.prefixScan(h.id() + "/", PREFIX)) {
            it.forEachRemaining(kv -> {
                keys.add(kv.key);
                runs.add(kv.value);
            });
        }
        if (TriggeringEnd.triggers(h.status())) {
            List<TriggerOutcome> outcomes = matcher.match(ExecutionState.of(h, runs), catalog.index());
            for (TriggerOutcome outcome : outcomes) {
                send(outcome, h);
            }
        }
        if (!h.status().isFailure()) {
            keys.forEach(taskRuns::delete);
        }
        long now = context.currentSystemTimeMs();
        String expiryKey = TriggerStores.dueKey(now + settings.endRetention().toMillis(), h.id());
        EndMark previous = marks.get(h.id());
        if (previous != null) {
            expiries.delete(previous.expiryKey());
        }
        marks.put(h.id(), new EndMark(TriggeringEnd.endNumber(h), expiryKey));
        expiries.put(expiryKey, h.id());
    }

    private void send(TriggerOutcome outcome, ExecutionHeader h) {
        long now = context.currentSystemTimeMs();
        switch (outcome) {
            case TriggerOutcome.Start s -> {
                LOG.info("execution {} of {}/{} ended {}: starting {}/{} as {}", h.id(), h.namespace(), h.flowId(),
                    h.status(), s.command().namespace(), s.command().flowId(), s.command().executionId());
                context.forward(new Record<>(s.command().executionId(), (Object) s.command(), now),
                    TriggerStores.COMMANDS_SINK);
            }
            case WindowMatch m -> context.forward(new Record<>(m.key(), (Object) m, now), TriggerStores.WINDOWS_SINK);
            case TriggerOutcome.Skipped k -> {
                LOG.warn(k.message());
                TriggerDeadLetters.send(context, h.id(), HEADERS.serialize(Topic.EXECUTIONS.baseName(), h), k.message(),
                    TriggerStores.ENDS_NODE);
            }
        }
    }

    /** The header was deleted: nothing of the execution is needed any more. */
    private void forget(String executionId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, TaskRun> it = taskRuns.prefixScan(executionId + "/", PREFIX)) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(taskRuns::delete);
        pending.delete(executionId);
    }

    // ---- wall-clock work --------------------------------------------------------------------

    private void punctuate(long now) {
        List<PendingEnd> overdue = new ArrayList<>();
        try (KeyValueIterator<String, PendingEnd> it = pending.all()) {
            it.forEachRemaining(kv -> {
                if (now - kv.value.since() >= settings.settleGrace().toMillis()) {
                    overdue.add(kv.value);
                }
            });
        }
        for (PendingEnd p : overdue) {
            String id = p.header().id();
            pending.delete(id);
            LOG.warn("execution {} ended but some of its task runs did not arrive within {}; evaluating its "
                + "triggers with those that did", id, settings.settleGrace());
            try {
                evaluate(p.header());
            } catch (RuntimeException e) {
                LOG.error("cannot evaluate the triggers of execution {}; sent to dead letters", id, e);
                TriggerDeadLetters.send(context, id, HEADERS.serialize(Topic.EXECUTIONS.baseName(), p.header()),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), TriggerStores.ENDS_NODE);
            }
        }
        expire(now);
    }

    /** Forgets end marks past their retention, with any task run that arrived after the end. */
    private void expire(long now) {
        List<String> keys = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, String> it = expiries.range("", TriggerStores.dueUntil(now))) {
            it.forEachRemaining(kv -> {
                keys.add(kv.key);
                ids.add(kv.value);
            });
        }
        for (int i = 0; i < keys.size(); i++) {
            expiries.delete(keys.get(i));
            EndMark mark = marks.get(ids.get(i));
            if (mark != null && mark.expiryKey().equals(keys.get(i))) {
                marks.delete(ids.get(i));
                forget(ids.get(i));
            }
        }
    }
}
