package io.millrace.executor.kafka;

import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The executor's sink serializer: values the processor already serialised (and measured) pass as they
 * are; other values (from the concurrency processor, dead letters) are written as versioned JSON.
 */
final class OutboundValues implements Serializer<Object> {

    private final VersionedJsonSerde<Object> json = new VersionedJsonSerde<>(Object.class);

    @Override
    public byte[] serialize(String topic, Object value) {
        return value instanceof byte[] bytes ? bytes : json.serialize(topic, value);
    }
}
