package io.millrace.topics;

import java.time.Instant;

/**
 * A record a stream could not process, kept with the reason instead of stopping the stream.
 *
 * @param value the original value, as text when it was UTF-8, else base64
 * @param error the reason, for operators
 */
public record DeadLetter(String sourceTopic, int partition, long offset, String key, String value,
                         boolean base64, String error, String processor, Instant timestamp) {
}
