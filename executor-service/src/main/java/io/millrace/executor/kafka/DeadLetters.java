package io.millrace.executor.kafka;

import io.millrace.topics.DeadLetter;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Sends a record a processor could not handle to {@code dead_letters}, with the reason, in the same transaction. */
final class DeadLetters {

    private DeadLetters() {
    }

    static void send(ProcessorContext<String, Object> context, String key, byte[] value, String error, String processor) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String text = value == null ? null : utf8(value);
        DeadLetter letter = new DeadLetter(meta == null ? null : meta.topic(), meta == null ? -1 : meta.partition(),
            meta == null ? -1 : meta.offset(), key, text != null ? text : value == null ? null
            : Base64.getEncoder().encodeToString(value), text == null && value != null, error, processor,
            Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<>(key == null ? "" : key, (Object) letter, context.currentSystemTimeMs()),
            Sinks.DEAD_LETTERS.node());
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
