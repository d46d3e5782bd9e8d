package io.millrace.template;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.GlobalContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * What counts as a value in a template (JSON-like data: maps, lists, text, numbers, booleans, dates)
 * and how a value prints. Anything else is a Java object a flow author must not reach.
 */
final class Values {

    /** Deeper than this, a value is taken for a cycle rather than data. */
    private static final int MAX_DEPTH = 200;

    /** Doubles are exact integers up to 2^53; beyond that printing them as integers would invent digits. */
    private static final double MAX_EXACT_DOUBLE = 9_007_199_254_740_992d;

    private Values() {
    }

    /** The text of a value as {@code {{ value }}} prints it: JSON for maps and lists, {@code null} for null. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]
            || value instanceof Map.Entry<?, ?>) {
            return DataFormats.toJson(value);
        }
        return scalarText(value);
    }

    private static String scalarText(Object value) {
        if (value instanceof CharSequence || value instanceof SafeString) {
            return value.toString();
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (isScalarData(value)) {
            return value.toString();
        }
        throw notData(value);
    }

    /** A number as people write it: integral values without a trailing {@code .0}, never in exponent form. */
    static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_DOUBLE) {
                return Long.toString((long) d);
            }
            // through the shortest decimal text, so 0.1f prints 0.1 and not 0.10000000149011612
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (n instanceof BigDecimal b) {
            return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }

    /** Fails unless {@code value} is data all the way down (so serialising it cannot call into Java objects). */
    static void requireData(Object value) {
        requireData(value, 0, new long[1]);
    }

    /**
     * Whether {@code value} may be handed to a filter or function: data at its top level (what it
     * holds is checked when it is printed or serialised). Not the variables map, a loop's state, a
     * template or any other Java object.
     */
    static boolean isValue(Object value) {
        return value == null || value instanceof CharSequence || value instanceof Number || isScalarData(value)
            || value instanceof Map<?, ?> && !(value instanceof GlobalContext)
            || value instanceof Collection<?> || value instanceof Object[] || value instanceof Map.Entry<?, ?>;
    }

    private static void requireData(Object value, int depth, long[] nodes) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("a value is nested more than " + MAX_DEPTH + " levels deep");
        }
        // each item prints as one character at least: more items than the size limit cannot be printed,
        // and a list holding itself twice per level ({% set a = [a, a] %}) must not be walked for ever
        if (++nodes[0] > RenderBudget.current().maxChars()) {
            throw new IllegalArgumentException("a value has more items than the limit of "
                + RenderBudget.current().maxChars() + " characters allows to print");
        }
        if (value == null || value instanceof Number || isScalarData(value) || value instanceof CharSequence) {
            return;
        }
        if (value instanceof GlobalContext) {
            throw notData(value);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                requireData(e.getKey(), depth + 1, nodes);
                requireData(e.getValue(), depth + 1, nodes);
            }
            return;
        }
        if (value instanceof Map.Entry<?, ?> e) {
            requireData(e.getKey(), depth + 1, nodes);
            requireData(e.getValue(), depth + 1, nodes);
            return;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                requireData(item, depth + 1, nodes);
            }
            return;
        }
        if (value instanceof Object[] array) {
            for (Object item : array) {
                requireData(item, depth + 1, nodes);
            }
            return;
        }
        throw notData(value);
    }

    private static boolean isScalarData(Object value) {
        return value instanceof Boolean || value instanceof Character || value instanceof TemporalAccessor
            || value instanceof Date || value instanceof UUID || value instanceof Enum<?>
            || value instanceof BigInteger || value instanceof SafeString;
    }

    private static IllegalArgumentException notData(Object value) {
        return new IllegalArgumentException(aKind(value) + " is not a value a template can use");
    }

    /** A user-facing name for the kind of a value, for error messages. */
    /** {@link #kind} with its article: "a map", "an internal object". */
    static String aKind(Object value) {
        String kind = kind(value);
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Map<?, ?> && !(value instanceof GlobalContext)) {
            return "map";
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            return "list";
        }
        return "internal object"; // its class is Millrace's business, not the template's
    }
}
