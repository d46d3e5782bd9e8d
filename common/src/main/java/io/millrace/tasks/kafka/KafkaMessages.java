package io.millrace.tasks.kafka;

import io.millrace.model.trigger.TriggerFailure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kafka record as the executions it starts see it: {@code key}, {@code value} (read with the trigger's
 * deserializers), {@code topic}, {@code partition}, {@code offset}, {@code timestamp} (ISO-8601) and
 * {@code headers} (a list of one-entry maps, in order, values as UTF-8 text).
 */
final class KafkaMessages {

    private KafkaMessages() {
    }

    static Map<String, Object> of(ConsumerRecord<byte[], byte[]> r, KafkaSerdeType keys, KafkaSerdeType values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", read(r, keys, r.key(), "key"));
        m.put("value", read(r, values, r.value(), "value"));
        m.put("topic", r.topic());
        m.put("partition", r.partition());
        m.put("offset", r.offset());
        m.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
        List<Map<String, String>> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            Map<String, String> one = new LinkedHashMap<>();
            one.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            headers.add(one);
        }
        m.put("headers", headers);
        return m;
    }

    private static Object read(ConsumerRecord<byte[], byte[]> r, KafkaSerdeType type, byte[] bytes, String what) {
        try {
            return type.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new TriggerFailure("the " + what + " of record " + r.offset() + " of " + r.topic() + "-"
                + r.partition() + " cannot be read as " + type + ": " + e.getMessage());
        }
    }
}
