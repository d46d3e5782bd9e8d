package io.millrace.serde;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks one value alone by converting it with the shared mapper to the Java type it is bound to,
 * so one bad property never hides another; turns a failure into a message without Java names.
 */
final class ValueCheck {

    private static final int QUOTE_LIMIT = 60;
    /** A deserializer's own message, meant for users: no Java names, no Jackson wording. */
    private static final Pattern READABLE = Pattern.compile("(?s)(?!.*(`|java\\.|io\\.millrace|tools\\.jackson|class |Cannot )).+");

    private ValueCheck() {
    }

    /** A message saying why {@code node} cannot be read as {@code type}, or null when it can. */
    static String check(JsonNode node, Type type) {
        if (type == Object.class || node == null || node.isNull()) {
            return null;
        }
        try {
            JavaType javaType = Json.mapper().getTypeFactory().constructType(type);
            Json.mapper().readerFor(javaType).readValue(node);
            return null;
        } catch (JacksonException | IllegalArgumentException e) {
            return mismatch(node, type);
        }
    }

    /**
     * Like {@link #check}, for a property read by its own deserializer: converts {@code {name: node}}
     * to {@code owner} so the field's annotations apply, and keeps the deserializer's message.
     */
    static String checkAsProperty(Class<?> owner, String name, JsonNode node) {
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.set(name, node);
        try {
            Json.mapper().readerFor(owner).readValue(wrapper);
            return null;
        } catch (JacksonException e) {
            String original = e.getOriginalMessage();
            if (original != null && READABLE.matcher(original).matches()) {
                return original;
            }
            return "invalid value " + describe(node);
        }
    }

    /** The message for a value that does not fit {@code type}. */
    static String mismatch(JsonNode node, Type type) {
        Class<?> raw = Json.mapper().getTypeFactory().constructType(type).getRawClass();
        String got = describe(node);
        boolean scalar = node.isValueNode();
        if (raw == Duration.class) {
            return scalar ? quote(node) + " is not a duration (ISO-8601, e.g. PT5M)"
                : "expected a duration (ISO-8601, e.g. PT5M), got " + got;
        }
        if (raw.isEnum()) {
            String names = Arrays.stream(raw.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
            return scalar ? quote(node) + " is not one of " + names : "expected one of " + names + ", got " + got;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
            || raw == Short.class || raw == short.class || raw == BigInteger.class) {
            return "expected an integer, got " + got;
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class
            || raw == BigDecimal.class || raw == Number.class) {
            return "expected a number, got " + got;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "expected true or false, got " + got;
        }
        if (raw == String.class) {
            return "expected a string, got " + got;
        }
        if (raw == ZonedDateTime.class || raw == OffsetDateTime.class || raw == Instant.class) {
            return scalar ? quote(node) + " is not a date-time (ISO-8601, e.g. 2025-01-31T09:00:00Z)"
                : "expected a date-time (ISO-8601, e.g. 2025-01-31T09:00:00Z), got " + got;
        }
        if (raw == LocalDateTime.class) {
            return "expected a local date-time (ISO-8601, e.g. 2025-01-31T09:00:00), got " + got;
        }
        if (raw == LocalDate.class) {
            return "expected a date (ISO-8601, e.g. 2025-01-31), got " + got;
        }
        if (raw == LocalTime.class) {
            return "expected a time (ISO-8601, e.g. 09:30:00), got " + got;
        }
        return "invalid value " + got;
    }

    /** How a value looks to its author: {@code 'text'}, {@code 12}, {@code true}, {@code a list}… */
    static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isString()) {
            return quote(node);
        }
        if (node.isBinary()) {
            return "binary data";
        }
        return node.asString();
    }

    private static String quote(JsonNode node) {
        String text = node.asString();
        if (text.length() > QUOTE_LIMIT) {
            text = text.substring(0, QUOTE_LIMIT - 1) + "…";
        }
        return "'" + text + "'";
    }
}
