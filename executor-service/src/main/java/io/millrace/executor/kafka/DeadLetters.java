package io.millrace.executor.kafka;

import io.millrace.topics.DeadLetter;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Instant;

/**
 * Sends a record a processor could not handle to {@code dead_letters}, with the reason, in the same transaction;
 * cut to fit half the stream producer's record limit ({@link DeadLetter#budget}).
 */
final class DeadLetters {

    private DeadLetters() {
    }

    static void send(ProcessorContext<String, Object> context, String key, byte[] value, String error, String processor) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        DeadLetter letter = DeadLetter.of(meta == null ? null : meta.topic(), meta == null ? -1 : meta.partition(),
            meta == null ? -1 : meta.offset(), key, value, error, processor,
            Instant.ofEpochMilli(context.currentSystemTimeMs()), DeadLetter.budget(context.appConfigs()));
        context.forward(new Record<>(key == null ? "" : key, (Object) letter, context.currentSystemTimeMs()),
            Sinks.DEAD_LETTERS.node());
    }

}
