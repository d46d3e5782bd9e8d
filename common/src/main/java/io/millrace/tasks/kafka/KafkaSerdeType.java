package io.millrace.tasks.kafka;

import io.millrace.serde.Json;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;

/**
 * How the key or value of a Kafka record is read: Kestra's names, of which Millrace reads {@link #STRING}
 * (UTF-8 text) and {@link #JSON} (parsed to maps, lists and scalars). The others are accepted by name so
 * that a Kestra flow gets a clear message rather than an unknown value.
 */
public enum KafkaSerdeType {
    STRING, INTEGER, FLOAT, DOUBLE, LONG, SHORT, BYTE_ARRAY, BYTE_BUFFER, BYTES, UUID, VOID, AVRO, JSON;

    /** Whether Millrace can read records with it. */
    public boolean supported() {
        return this == STRING || this == JSON;
    }

    /**
     * The value of {@code bytes} (null stays null).
     *
     * @throws IllegalArgumentException when the bytes are not what this type expects (invalid JSON)
     */
    Object read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return switch (this) {
            case STRING -> text;
            case JSON -> {
                try {
                    yield Json.parse(text);
                } catch (JacksonException e) {
                    throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
                }
            }
            default -> throw new IllegalStateException(name() + " is not supported");
        };
    }
}
