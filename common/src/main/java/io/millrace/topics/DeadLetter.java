package io.millrace.topics;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A record a stream could not process, kept with the reason instead of stopping the stream.
 *
 * @param value the original value, as text when it was UTF-8, else base64
 * @param error the reason, for operators
 */
public record DeadLetter(String sourceTopic, int partition, long offset, String key, String value,
                         boolean base64, String error, String processor, Instant timestamp) {

    /** A dead letter keeping {@code value} as text when it is UTF-8, else as base64. */
    public static DeadLetter of(String sourceTopic, int partition, long offset, String key, byte[] value, String error,
                                String processor, Instant timestamp) {
        String text = value == null ? null : utf8(value);
        return new DeadLetter(sourceTopic, partition, offset, key,
            text != null || value == null ? text : Base64.getEncoder().encodeToString(value),
            text == null && value != null, error, processor, timestamp);
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
