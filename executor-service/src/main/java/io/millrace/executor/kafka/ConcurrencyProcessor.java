package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.ConcurrencyLimiter;
import io.millrace.model.command.ConcurrencySlot;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each flow's running executions. Slot requests are keyed by flow, so all of one flow's
 * requests meet on one partition whatever partitions its executions live on; the answers go back
 * to each execution as Start / Queue / Reject commands.
 */
final class ConcurrencyProcessor implements Processor<String, byte[], String, Object> {

    private static final VersionedJsonSerde<ConcurrencySlot> SLOTS = VersionedJsonSerde.of(Topic.CONCURRENCY_SLOTS);

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, ConcurrencyLimiter.FlowSlots> store;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(Stores.SLOTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ConcurrencySlot slot;
        try {
            slot = SLOTS.deserialize(Topic.CONCURRENCY_SLOTS.baseName(), record.value());
        } catch (SerializationException e) {
            DeadLetters.send(context, record.key(), record.value(), e.getMessage(), "concurrency");
            return;
        }
        if (slot == null) {
            return;
        }
        ConcurrencyLimiter.Outcome outcome = ConcurrencyLimiter.apply(store.get(slot.flowKey()), slot);
        store.put(slot.flowKey(), outcome.slots());
        for (ExecutionCommand c : outcome.commands()) {
            context.forward(new Record<>(c.executionId(), (Object) c, record.timestamp()),
                Sinks.EXECUTION_COMMANDS.node());
        }
    }
}
