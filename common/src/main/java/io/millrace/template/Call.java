package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.Map;

/**
 * One call of a function or filter: its arguments by name, where it stands in the template, and
 * typed access to the arguments that fails with a message naming the function and the argument.
 */
record Call(String name, Map<String, Object> args, EvaluationContext context, PebbleTemplate template, int line) {

    /** An argument as given, or {@code null}. */
    Object arg(String key) {
        return args.get(key);
    }

    boolean has(String key) {
        return args.get(key) != null;
    }

    /** A required argument as text. */
    String string(String key) {
        Object value = args.get(key);
        if (value == null) {
            throw fail("argument '" + key + "' is required");
        }
        return Values.text(value);
    }

    /** An optional argument as text. */
    String string(String key, String fallback) {
        Object value = args.get(key);
        return value == null ? fallback : Values.text(value);
    }

    /** A required whole-number argument. */
    long integer(String key) {
        Object value = args.get(key);
        if (value == null) {
            throw fail("argument '" + key + "' is required");
        }
        return toInteger(key, value);
    }

    /** An optional whole-number argument. */
    long integer(String key, long fallback) {
        Object value = args.get(key);
        return value == null ? fallback : toInteger(key, value);
    }

    private long toInteger(String key, Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw fail("argument '" + key + "' must be a whole number, not '" + Values.text(value) + "'");
    }

    /** An optional boolean argument ({@code true}/{@code false}, as a boolean or as text). */
    boolean bool(String key, boolean fallback) {
        Object value = args.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(value.toString()) || "false".equalsIgnoreCase(value.toString())) {
            return Boolean.parseBoolean(value.toString());
        }
        throw fail("argument '" + key + "' must be true or false, not '" + Values.text(value) + "'");
    }

    /**
     * The result, unless it is text longer than a render may produce: filters like {@code replace}
     * or {@code indent} applied in a loop would otherwise grow a text in memory without bound.
     */
    Object bounded(Object result) {
        int max = RenderBudget.current().maxChars();
        if (result instanceof String text && text.length() > max) {
            throw fail("the result is longer than the limit of " + max + " characters");
        }
        return result;
    }

    /** The state of the render this call belongs to. */
    RenderSession session() {
        return RenderSession.of(context);
    }

    /** An error to throw, located at this call, with the function or filter name in front of the message. */
    PebbleException fail(String message) {
        return new PebbleException(null, name + ": " + message, line, template.getName());
    }

    /** An error to throw, located at this call, with the message as given. */
    PebbleException failAsIs(String message) {
        return new PebbleException(null, message, line, template.getName());
    }
}
