package io.millrace.template;

import io.millrace.serde.Json;
import tools.jackson.core.JacksonException;

/** JSON text to and from template values, through the mapper every Millrace component shares. */
final class DataFormats {

    private DataFormats() {
    }

    /** Compact JSON of a value. */
    static String toJson(Object value) {
        Values.requireData(value);
        return Json.write(value);
    }

    /** Parses JSON text into plain values; fails with the parser's reason. */
    static Object fromJson(String text) {
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether the text parses as JSON. */
    static boolean isJson(String text) {
        try {
            Json.parse(text);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }
}
