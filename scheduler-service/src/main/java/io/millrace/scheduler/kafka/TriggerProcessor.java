package io.millrace.scheduler.kafka;

import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.trigger.TriggerEvaluated;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.model.trigger.TriggerState;
import io.millrace.model.trigger.command.TriggerCommand;
import io.millrace.scheduler.SchedulerSettings;
import io.millrace.scheduler.schedule.HeldTrigger;
import io.millrace.scheduler.schedule.TriggerOutcome;
import io.millrace.scheduler.schedule.TriggerRules;
import io.millrace.serde.FlowParser;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;

/**
 * The scheduler's Kafka shell for the flows of one partition: reads flow revisions, trigger commands and
 * evaluation answers, and on a wall-clock tick fires what is due — each time asking {@link TriggerRules}
 * and writing what it decides (trigger states, Create commands, evaluations) in the task's transaction.
 * A record it cannot read goes to the dead letters and the stream goes on.
 */
final class TriggerProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerProcessor.class);
    private static final String LAST_TICK = "last";
    /** Triggers handled in one tick at most; the rest wait for the next tick (it comes at once when behind). */
    private static final int DUE_PER_TICK = 5_000;

    private final TriggerRules rules;
    private final SchedulerSettings settings;
    private final FlowParser parser;
    private final Map<String, String> topics;
    private final SchedulerMetrics metrics;

    private ProcessorContext<String, Object> context;
    private TriggerTable table;
    private KeyValueStore<String, Long> ticks;
    /** Whether this task has ticked since it was (re)initialised: a later gap is a stall of a live owner. */
    private boolean ticking;

    private final VersionedJsonSerde<FlowRecord> flows = VersionedJsonSerde.of(Topic.FLOWS);
    private final VersionedJsonSerde<TriggerCommand> commands = VersionedJsonSerde.of(Topic.TRIGGER_COMMANDS);
    private final VersionedJsonSerde<TriggerEvaluated> answers = VersionedJsonSerde.of(Topic.TRIGGER_EVALUATION_RESULTS);

    /** @param topics the prefixed names of the source topics, by base name */
    TriggerProcessor(TriggerRules rules, SchedulerSettings settings, FlowParser parser, Map<String, String> topics,
                     SchedulerMetrics metrics) {
        this.rules = rules;
        this.settings = settings;
        this.parser = parser;
        this.topics = topics;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.table = new TriggerTable(context.getStateStore(SchedulerStores.TRIGGERS),
            context.getStateStore(SchedulerStores.DUE), rules);
        this.ticks = context.getStateStore(SchedulerStores.TICKS);
        this.ticking = false;
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        try {
            if (topic.equals(topics.get(Topic.FLOWS.baseName()))) {
                onFlow(record.key(), record.value());
            } else if (topic.equals(topics.get(Topic.TRIGGER_COMMANDS.baseName()))) {
                onCommand(commands.deserialize(topic, record.value()));
            } else if (topic.equals(topics.get(Topic.TRIGGER_EVALUATION_RESULTS.baseName()))) {
                onAnswer(answers.deserialize(topic, record.value()));
            }
        } catch (RuntimeException e) {
            LOG.error("record {} of {} cannot be handled; sent to the dead letters", record.key(), topic, e);
            deadLetter(record.key(), record.value(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private void onFlow(String flowKey, byte[] value) {
        FlowRecord record = value == null ? null : flows.deserialize(topics.get(Topic.FLOWS.baseName()), value);
        Map<String, HeldTrigger> existing = table.ofFlow(flowKey);
        boolean mayHaveTriggers = record != null && !record.deleted() && record.source() != null
            && record.source().contains("triggers");
        if (existing.isEmpty() && !mayHaveTriggers) {
            return; // most flows have no trigger: not worth parsing
        }
        int slash = flowKey.indexOf('/');
        String namespace = record != null ? record.namespace() : flowKey.substring(0, Math.max(0, slash));
        String flowId = record != null ? record.id() : flowKey.substring(slash + 1);
        Flow flow = null;
        if (mayHaveTriggers) {
            flow = parser.parse(record.source()).withRevision(record.revision());
        }
        Map<String, HeldTrigger> kept = rules.onFlow(namespace, flowId, flow, existing, now());
        for (HeldTrigger before : existing.values()) {
            if (!kept.containsKey(before.state().triggerId())) {
                apply(before, TriggerOutcome.becomes(null));
            }
        }
        for (HeldTrigger after : kept.values()) {
            HeldTrigger before = existing.get(after.state().triggerId());
            apply(before, TriggerOutcome.becomes(after));
        }
    }

    private void onCommand(TriggerCommand command) {
        String key = TriggerState.key(command.namespace(), command.flowId(), command.triggerId());
        HeldTrigger st = table.get(key);
        if (st == null) {
            LOG.warn("{} for trigger {}, which the scheduler does not hold (not a scheduled trigger, or its flow is "
                + "disabled or gone): ignored", command.getClass().getSimpleName(), key);
            return;
        }
        String refusal = rules.refusal(st, command);
        if (refusal != null) {
            LOG.warn("{} ignored: {}", command.getClass().getSimpleName(), refusal);
            return;
        }
        apply(st, TriggerOutcome.becomes(rules.onCommand(st, command, now())));
    }

    private void onAnswer(TriggerEvaluated answer) {
        HeldTrigger st = table.get(TriggerState.key(answer.namespace(), answer.flowId(), answer.triggerId()));
        if (st == null) {
            return;
        }
        if (answer.error() != null) {
            LOG.warn("evaluation of trigger {} failed on worker {}: {}", st.key(), answer.workerId(), answer.error());
        }
        apply(st, rules.onEvaluated(st, answer, now()));
    }

    /**
     * The wall-clock tick: fires every due trigger of this task. The first tick of a task that starts (after a
     * restart, or on the instance that takes the partition over) compares the time with the partition's last
     * tick: a gap longer than the downtime threshold means nobody owned the partition, and the dates it missed
     * follow each trigger's recovery policy. A gap between two ticks of the same running task is only a stall
     * (a rebalance, a slow commit): every date it passed fires.
     */
    private void tick(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        Long last = ticks.get(LAST_TICK);
        Instant downtimeSince = !ticking && last != null && timestamp - last > settings.downtimeAfter().toMillis()
            ? Instant.ofEpochMilli(last) : null;
        ticking = true;
        if (downtimeSince != null) {
            LOG.info("task {}: no tick since {} (downtime or failover); missed dates follow each trigger's "
                + "recoverMissedSchedules", context.taskId(), downtimeSince);
        }
        ticks.put(LAST_TICK, timestamp);
        long started = System.nanoTime();
        int fired = 0;
        for (HeldTrigger st : table.due(now, DUE_PER_TICK)) {
            try {
                TriggerOutcome outcome = rules.tick(st, now, downtimeSince);
                fired += outcome.starts().size();
                apply(st, outcome);
            } catch (RuntimeException e) {
                // one broken trigger must not stop the others: it is set aside until its flow changes
                LOG.error("trigger {} cannot be evaluated; it is removed until its flow changes", st.key(), e);
                apply(st, TriggerOutcome.becomes(null));
            }
        }
        metrics.ticked(System.nanoTime() - started, fired);
    }

    private void apply(HeldTrigger before, TriggerOutcome outcome) {
        long now = context.currentSystemTimeMs();
        HeldTrigger next = outcome.next();
        if (next == null) {
            if (before != null) {
                table.delete(before);
                context.forward(new Record<>(before.key(), null, now), SchedulerStores.STATES_SINK);
            }
        } else if (!next.equals(before)) {
            table.put(before, next);
            context.forward(new Record<>(next.key(), (Object) next.state(), now), SchedulerStores.STATES_SINK);
        }
        for (CreateExecution start : outcome.starts()) {
            context.forward(new Record<>(start.executionId(), (Object) start, now), SchedulerStores.COMMANDS_SINK);
            if (start.trigger() != null) {
                metrics.fired(start.trigger().variables(), now);
            }
        }
        for (TriggerEvaluation evaluation : outcome.evaluations()) {
            context.forward(new Record<>(evaluation.key(), (Object) evaluation, now), SchedulerStores.EVALUATIONS_SINK);
        }
    }

    private void deadLetter(String key, byte[] value, String error) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        long now = context.currentSystemTimeMs();
        DeadLetter letter = DeadLetter.of(meta == null ? null : meta.topic(), meta == null ? -1 : meta.partition(),
            meta == null ? -1 : meta.offset(), key, value, error, SchedulerStores.TRIGGERS_NODE, Instant.ofEpochMilli(now),
            DeadLetter.budget(context.appConfigs()));
        context.forward(new Record<>(key == null ? "" : key, (Object) letter, now), SchedulerStores.DEAD_LETTERS_SINK);
    }
}
