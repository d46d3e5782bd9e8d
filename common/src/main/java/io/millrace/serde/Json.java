package io.millrace.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * The JSON mapper every Millrace component shares (Kafka records, API bodies, task outputs), so
 * the same value always serialises the same way. Dates are ISO-8601 strings, durations ISO-8601.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
        .addModule(MillraceModule.create())
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
        .build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Serialises a value to a JSON string. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Parses JSON text to plain Java values (maps, lists, strings, numbers, booleans, null). */
    public static Object parse(String json) {
        return MAPPER.readValue(json, Object.class);
    }

    /** Parses JSON text to a tree. */
    public static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }

    /** Converts a value to plain Java values (maps, lists, scalars) through its JSON form. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, Map.class);
    }

    /** Converts a value to {@code type} through its JSON form. */
    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }

    /** Whether the text is a JSON array or object (used for values given as strings). */
    public static boolean looksLikeJson(String text) {
        String t = text == null ? "" : text.strip();
        return (t.startsWith("[") && t.endsWith("]")) || (t.startsWith("{") && t.endsWith("}"));
    }

    /** Parses a JSON array, failing with a message that quotes the text. */
    public static List<Object> parseArray(String text) {
        try {
            Object parsed = parse(text);
            if (parsed instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> result = (List<Object>) list;
                return result;
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON array: " + abbreviate(text), e);
        }
        throw new IllegalArgumentException("not a JSON array: " + abbreviate(text));
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
