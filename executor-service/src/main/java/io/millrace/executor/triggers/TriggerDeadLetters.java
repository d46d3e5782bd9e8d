package io.millrace.executor.triggers;

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

/** Sends what the flow-trigger stream could not handle to {@code dead_letters}, with the reason, in the same transaction. */
final class TriggerDeadLetters {

    private TriggerDeadLetters() {
    }

    /** A dead letter for {@code value} under {@code key}; source topic and offset come from the record being processed, if any. */
    static void send(ProcessorContext<String, Object> context, String key, byte[] value, String error, String processor) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String text = value == null ? null : utf8(value);
        String stored = text != null ? text : value == null ? null : Base64.getEncoder().encodeToString(value);
        long now = context.currentSystemTimeMs();
        DeadLetter letter = new DeadLetter(meta == null ? null : meta.topic(), meta == null ? -1 : meta.partition(),
            meta == null ? -1 : meta.offset(), key, stored, text == null && value != null, error, processor,
            Instant.ofEpochMilli(now));
        context.forward(new Record<>(key == null ? "" : key, (Object) letter, now), TriggerStores.DEAD_LETTERS_SINK);
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
