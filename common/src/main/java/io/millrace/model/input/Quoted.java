package io.millrace.model.input;

import io.millrace.serde.Json;

import java.util.Collection;
import java.util.Map;

/** How a user's value appears in a message: single-quoted and short, never a whole document. */
final class Quoted {

    private static final int MAX_LENGTH = 60;

    private Quoted() {
    }

    static String of(Object value) {
        String text = value instanceof Map<?, ?> || value instanceof Collection<?> ? json(value) : String.valueOf(value);
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH - 3) + "...";
        }
        return "'" + text + "'";
    }

    /** The article and noun for a value of the wrong shape, e.g. "a list", for "a list is not a date". */
    static String kindOf(Object value) {
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        return of(value);
    }

    private static String json(Object value) {
        try {
            return Json.write(value);
        } catch (RuntimeException e) {
            return String.valueOf(value);
        }
    }
}
