package io.millrace.topics;

import io.millrace.serde.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Topic values as JSON in a small envelope, {@code {"v":1,"value":{…}}}: the schema version lets a
 * newer reader convert older records, and the value is the record as the shared {@link Json}
 * mapper writes it. A record that cannot be read raises a {@link SerializationException} naming
 * the topic, which streams route to the dead-letter topic.
 */
public final class VersionedJsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** The version this build writes. */
    public static final int VERSION = 1;

    private final Class<T> type;
    // the value is read from the middle of the envelope, so the tokens after it are expected
    private final ObjectReader reader;

    public VersionedJsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The serde of a topic's value type. */
    @SuppressWarnings("unchecked")
    public static <T> VersionedJsonSerde<T> of(Topic topic) {
        return new VersionedJsonSerde<>((Class<T>) topic.valueType());
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("v", VERSION);
            g.writeName("value");
            Json.mapper().writeValue(g, value);
            g.writeEndObject();
        } catch (JacksonException e) {
            throw new SerializationException("cannot write a " + type.getSimpleName() + " to " + topic + ": "
                + e.getOriginalMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (JsonParser p = Json.mapper().createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException("a record of " + topic + " is not a JSON object");
            }
            int version = -1;
            T value = null;
            boolean seen = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("v".equals(name)) {
                    version = p.getIntValue();
                } else if ("value".equals(name)) {
                    value = reader.readValue(p);
                    seen = true;
                } else {
                    p.skipChildren();
                }
            }
            if (version < 1 || version > VERSION || !seen) {
                throw new SerializationException("a record of " + topic + " has schema version " + version
                    + (seen ? "" : " and no value") + "; this build reads versions 1 to " + VERSION);
            }
            return value;
        } catch (JacksonException e) {
            throw new SerializationException("cannot read a " + type.getSimpleName() + " from " + topic + ": "
                + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
