package io.millrace.executor.triggers;

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
 * Keeps the global store of {@code flows} and the in-memory {@link FlowCatalog} in step. Kafka
 * Streams may restore a global store without calling its processor, so {@link #init} loads the
 * catalog from the restored store; later records go through {@link #process}. A global processor
 * cannot forward, so an unreadable flow record is logged, not dead-lettered.
 */
final class FlowCatalogUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(FlowCatalogUpdater.class);
    private static final VersionedJsonSerde<FlowRecord> SERDE = VersionedJsonSerde.of(Topic.FLOWS);

    private final String storeName;
    private final FlowCatalog catalog;
    private KeyValueStore<String, byte[]> store;

    FlowCatalogUpdater(String storeName, FlowCatalog catalog) {
        this.storeName = storeName;
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> load(kv.key, kv.value));
        }
        LOG.info("flow-trigger catalog loaded: {} flows", catalog.size());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            catalog.remove(record.key());
            return;
        }
        store.put(record.key(), record.value());
        load(record.key(), record.value());
    }

    private void load(String key, byte[] value) {
        try {
            catalog.put(key, SERDE.deserialize(Topic.FLOWS.baseName(), value));
        } catch (SerializationException e) {
            LOG.warn("flow record {} cannot be read and triggers nothing: {}", key, e.getMessage());
            catalog.remove(key);
        }
    }
}
