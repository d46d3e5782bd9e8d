package io.millrace.executor.kafka;

import io.millrace.model.FlowRecord;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store of flow revisions and the in-memory {@link FlowCache} in step. Kafka
 * Streams restores a global store without calling its processor, so {@link #init} loads the cache
 * once from the restored store; later records go through {@link #process}.
 */
final class FlowStoreUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(FlowStoreUpdater.class);
    private static final VersionedJsonSerde<FlowRecord> SERDE = VersionedJsonSerde.of(Topic.FLOW_REVISIONS);

    private final String storeName;
    private final FlowCache cache;
    private KeyValueStore<String, byte[]> store;

    FlowStoreUpdater(String storeName, FlowCache cache) {
        this.storeName = storeName;
        this.cache = cache;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> load(kv.key, kv.value));
        }
        LOG.info("flow cache loaded: {} flows", cache.size());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            store.delete(record.key());
            String[] parts = record.key().split("/");
            if (parts.length == 3) {
                cache.remove(parts[0], parts[1], Integer.parseInt(parts[2]));
            }
            return;
        }
        store.put(record.key(), record.value());
        load(record.key(), record.value());
    }

    private void load(String key, byte[] value) {
        try {
            cache.put(SERDE.deserialize(Topic.FLOW_REVISIONS.baseName(), value));
        } catch (SerializationException e) {
            LOG.warn("flow revision {} cannot be read and is ignored: {}", key, e.getMessage());
        }
    }
}
