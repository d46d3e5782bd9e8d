package io.millrace.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * {@code value | number}: text to a number (integers unless written with a decimal point);
 * {@code number('INT')} (or {@code LONG}, {@code FLOAT}, {@code DOUBLE}, {@code BIGDECIMAL},
 * {@code BIGINTEGER}) converts to that type.
 */
final class NumberFilter {

    private NumberFilter() {
    }

    static TemplateFilter filter() {
        return new TemplateFilter("number", List.of("type"), (input, call) -> {
            if (input == null) {
                return null;
            }
            BigDecimal value = decimal(input, call);
            return call.has("type") ? convert(value, call.string("type"), call) : natural(value);
        });
    }

    private static BigDecimal decimal(Object input, Call call) {
        String text = input instanceof Number n ? Values.number(n) : input instanceof String s ? s.strip() : null;
        if (text != null) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw call.fail("'" + TemplateErrors.abbreviate(String.valueOf(Values.text(input))) + "' is not a number");
    }

    /** "12" is an integer; "12.0" was written as a decimal and stays one. */
    private static Number natural(BigDecimal value) {
        if (value.scale() <= 0) {
            BigInteger whole = value.toBigIntegerExact();
            return whole.bitLength() < 64 ? (Number) whole.longValue() : whole;
        }
        return value.doubleValue();
    }

    private static Number convert(BigDecimal value, String type, Call call) {
        try {
            return switch (type.strip().toUpperCase(Locale.ROOT)) {
                case "INT", "INTEGER" -> value.intValueExact();
                case "LONG" -> value.longValueExact();
                case "FLOAT" -> value.floatValue();
                case "DOUBLE" -> value.doubleValue();
                case "BIGDECIMAL" -> value;
                case "BIGINTEGER" -> value.toBigIntegerExact();
                default -> throw call.fail("unknown type '" + type
                    + "' (use INT, LONG, FLOAT, DOUBLE, BIGDECIMAL or BIGINTEGER)");
            };
        } catch (ArithmeticException e) {
            throw call.fail(Values.number(value) + " is not a whole number that fits " + type);
        }
    }
}
