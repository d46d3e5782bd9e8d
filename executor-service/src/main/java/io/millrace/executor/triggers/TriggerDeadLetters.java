package io.millrace.executor.triggers;

import io.millrace.topics.DeadLetter;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Instant;

/** Sends what the flow-trigger stream could not handle to {@code dead_letters}, with the reason, in the same transaction. */
final class TriggerDeadLetters {

    private TriggerDeadLetters() {
    }

    /** A dead letter for {@code value} under {@code key}; source topic and offset come from the record being processed, if any. */
    static void send(ProcessorContext<String, Object> context, String key, byte[] value, String error, String processor) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        long now = context.currentSystemTimeMs();
        DeadLetter letter = DeadLetter.of(meta == null ? null : meta.topic(), meta == null ? -1 : meta.partition(),
            meta == null ? -1 : meta.offset(), key, value, error, processor, Instant.ofEpochMilli(now),
            DeadLetter.budget(context.appConfigs()));
        context.forward(new Record<>(key == null ? "" : key, (Object) letter, now), TriggerStores.DEAD_LETTERS_SINK);
    }

}
