package io.millrace.model.input;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** INT (a Long, always) and FLOAT (a Double), with inclusive {@code min} and {@code max}. */
final class NumberConverter implements ValueConverter {

    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");

    @Override
    public Object convert(Input input, Object raw) {
        boolean integer = input.effectiveType() == InputType.INT;
        BigDecimal value = integer ? integer(raw) : decimal(raw);
        checkBounds(input, value, raw);
        return integer ? (Object) value.longValueExact() : (Object) value.doubleValue();
    }

    @Override
    public List<String> checkDeclaration(Input input) {
        List<String> problems = new ArrayList<>();
        BigDecimal min = bound(input.min(), "min", problems);
        BigDecimal max = bound(input.max(), "max", problems);
        if (min != null && max != null && min.compareTo(max) > 0) {
            problems.add("min " + input.min() + " is greater than max " + input.max());
        }
        return problems;
    }

    private static BigDecimal integer(Object raw) {
        String notInteger = Quoted.of(raw) + " is not an integer";
        BigDecimal value = switch (raw) {
            case String s when INTEGER_TEXT.matcher(s.strip()).matches() -> new BigDecimal(s.strip());
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case BigInteger b -> new BigDecimal(b);
            // JSON clients may send 3.0 for 3; a fractional part is still an error.
            case Double d when Double.isFinite(d) -> new BigDecimal(d.toString());
            case Float f when Float.isFinite(f) -> new BigDecimal(f.toString());
            case BigDecimal d -> d;
            default -> throw new InvalidValue(notInteger);
        };
        if (value.stripTrailingZeros().scale() > 0) {
            throw new InvalidValue(notInteger);
        }
        try {
            value.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValue(Quoted.of(raw) + " is out of the integer range");
        }
        return value;
    }

    private static BigDecimal decimal(Object raw) {
        try {
            return switch (raw) {
                // BigDecimal's grammar, unlike Double.parseDouble, refuses "NaN", "1d" and hex floats.
                case String s -> checkedDouble(new BigDecimal(s.strip()), raw);
                case BigDecimal d -> checkedDouble(d, raw);
                case Double d when Double.isFinite(d) -> new BigDecimal(d.toString());
                case Float f when Float.isFinite(f) -> new BigDecimal(f.toString());
                case Integer i -> BigDecimal.valueOf(i);
                case Long l -> BigDecimal.valueOf(l);
                case Short s -> BigDecimal.valueOf(s);
                case Byte b -> BigDecimal.valueOf(b);
                case BigInteger b -> checkedDouble(new BigDecimal(b), raw);
                default -> throw new InvalidValue(Quoted.of(raw) + " is not a number");
            };
        } catch (NumberFormatException e) {
            throw new InvalidValue(Quoted.of(raw) + " is not a number");
        }
    }

    private static BigDecimal checkedDouble(BigDecimal value, Object raw) {
        if (!Double.isFinite(value.doubleValue())) {
            throw new InvalidValue(Quoted.of(raw) + " is out of the number range");
        }
        return value;
    }

    private static void checkBounds(Input input, BigDecimal value, Object raw) {
        BigDecimal min = boundOrFail(input.min(), "min");
        BigDecimal max = boundOrFail(input.max(), "max");
        if (min != null && value.compareTo(min) < 0) {
            throw new InvalidValue(Quoted.of(raw) + " is less than the minimum " + input.min());
        }
        if (max != null && value.compareTo(max) > 0) {
            throw new InvalidValue(Quoted.of(raw) + " is greater than the maximum " + input.max());
        }
    }

    private static BigDecimal boundOrFail(Object bound, String name) {
        List<String> problems = new ArrayList<>(1);
        BigDecimal value = bound(bound, name, problems);
        if (!problems.isEmpty()) {
            throw new InvalidValue(problems);
        }
        return value;
    }

    private static BigDecimal bound(Object bound, String name, List<String> problems) {
        if (bound == null) {
            return null;
        }
        if (bound instanceof Number || bound instanceof String) {
            try {
                return new BigDecimal(bound.toString().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(name + " " + Quoted.of(bound) + " is not a number");
        return null;
    }
}
