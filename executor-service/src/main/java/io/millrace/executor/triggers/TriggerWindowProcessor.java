package io.millrace.executor.triggers;

import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.triggers.MultipleConditionWindows;
import io.millrace.triggers.TriggerWindows;
import io.millrace.triggers.WindowMatch;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windows of MultipleConditions, one state per Flow trigger: reads the matches re-keyed by
 * trigger from {@code flow_trigger_windows} (so one task sees every match of a trigger, in order),
 * applies {@link MultipleConditionWindows#apply} and, when the trigger fires, sends its start to
 * {@code execution_commands}. A fire whose inputs could not be rendered goes to {@code dead_letters}.
 */
final class TriggerWindowProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerWindowProcessor.class);
    private static final VersionedJsonSerde<WindowMatch> MATCHES = VersionedJsonSerde.of(Topic.FLOW_TRIGGER_WINDOWS);

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, TriggerWindows> windows;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(TriggerStores.WINDOWS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            WindowMatch match = MATCHES.deserialize(Topic.FLOW_TRIGGER_WINDOWS.baseName(), record.value());
            if (match != null) {
                apply(match, record);
            }
        } catch (SerializationException e) {
            TriggerDeadLetters.send(context, record.key(), record.value(), e.getMessage(), TriggerStores.WINDOWS_NODE);
        } catch (RuntimeException e) {
            LOG.error("cannot apply window match {}; sent to dead letters", record.key(), e);
            TriggerDeadLetters.send(context, record.key(), record.value(),
                e.getClass().getSimpleName() + ": " + e.getMessage(), TriggerStores.WINDOWS_NODE);
        }
    }

    private void apply(WindowMatch match, Record<String, byte[]> record) {
        String key = match.key();
        MultipleConditionWindows.Decision d = MultipleConditionWindows.apply(windows.get(key), match, match.endedAt());
        if (d.state().conditions().isEmpty()) {
            windows.delete(key);
        } else {
            windows.put(key, d.state());
        }
        if (!d.fired()) {
            return;
        }
        if (d.start() == null) {
            String reason = "trigger " + match.triggerId() + " of flow " + match.namespace() + "/" + match.flowId()
                + " skipped for execution " + match.executionId() + ": " + d.skipReason();
            LOG.warn(reason);
            TriggerDeadLetters.send(context, record.key(), record.value(), reason, TriggerStores.WINDOWS_NODE);
            return;
        }
        LOG.info("the conditions of trigger {} completed with execution {}: starting {}/{} as {}", key,
            match.executionId(), match.namespace(), match.flowId(), d.start().executionId());
        context.forward(new Record<>(d.start().executionId(), (Object) d.start(), context.currentSystemTimeMs()),
            TriggerStores.COMMANDS_SINK);
    }
}
