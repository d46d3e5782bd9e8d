package io.millrace.model.input;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/**
 * DATETIME, DATE, TIME and DURATION, normalised to ISO-8601 text. Dates and times are bounded by
 * exclusive {@code after}/{@code before}; durations by inclusive {@code min}/{@code max}.
 */
final class TemporalConverter implements ValueConverter {

    /** How one temporal type reads, prints and names its values. */
    private record Kind<T extends Comparable<? super T>>(
        String expected, Function<Object, T> typed, Function<String, T> parse, Function<T, String> print) {

        T read(Object raw) {
            T value = typed.apply(raw);
            if (value != null) {
                return value;
            }
            if (raw instanceof String s) {
                try {
                    return parse.apply(s.strip());
                } catch (DateTimeParseException e) {
                    // reported below, with the expected format rather than the parser's wording
                }
            }
            throw new InvalidValue(Quoted.kindOf(raw) + " is not " + expected);
        }
    }

    private static final Kind<Instant> DATETIME = new Kind<>(
        "a date-time (expected ISO-8601 with an offset, e.g. 2024-01-01T10:00:00Z)",
        raw -> switch (raw) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case Date d -> d.toInstant();
            default -> null;
        },
        // A zone is required: a local date-time would mean a different instant on each server.
        text -> ZonedDateTime.parse(text).toInstant(),
        Instant::toString);

    private static final Kind<LocalDate> DATE = new Kind<>(
        "a date (expected yyyy-MM-dd)",
        raw -> raw instanceof LocalDate d ? d : null,
        LocalDate::parse,
        LocalDate::toString);

    private static final Kind<LocalTime> TIME = new Kind<>(
        "a time (expected HH:mm or HH:mm:ss)",
        raw -> raw instanceof LocalTime t ? t : null,
        LocalTime::parse,
        LocalTime::toString);

    private static final Kind<Duration> DURATION = new Kind<>(
        "a duration (expected ISO-8601, e.g. PT5M)",
        raw -> raw instanceof Duration d ? d : null,
        Duration::parse,
        Duration::toString);

    @Override
    public Object convert(Input input, Object raw) {
        return switch (input.effectiveType()) {
            case DATETIME -> convert(DATETIME, input, raw);
            case DATE -> convert(DATE, input, raw);
            case TIME -> convert(TIME, input, raw);
            default -> convert(DURATION, input, raw);
        };
    }

    @Override
    public List<String> checkDeclaration(Input input) {
        return switch (input.effectiveType()) {
            case DATETIME -> checkDeclaration(DATETIME, input);
            case DATE -> checkDeclaration(DATE, input);
            case TIME -> checkDeclaration(TIME, input);
            default -> checkDeclaration(DURATION, input);
        };
    }

    private static <T extends Comparable<? super T>> String convert(Kind<T> kind, Input input, Object raw) {
        T value = kind.read(raw);
        Bounds<T> bounds = bounds(kind, input);
        if (!bounds.problems.isEmpty()) {
            throw new InvalidValue(bounds.problems);
        }
        String shown = Quoted.of(kind.print.apply(value));
        if (kind == DURATION) {
            if (bounds.lower != null && value.compareTo(bounds.lower) < 0) {
                throw new InvalidValue(shown + " is shorter than the minimum " + kind.print.apply(bounds.lower));
            }
            if (bounds.upper != null && value.compareTo(bounds.upper) > 0) {
                throw new InvalidValue(shown + " is longer than the maximum " + kind.print.apply(bounds.upper));
            }
        } else {
            if (bounds.lower != null && value.compareTo(bounds.lower) <= 0) {
                throw new InvalidValue(shown + " is not after " + kind.print.apply(bounds.lower));
            }
            if (bounds.upper != null && value.compareTo(bounds.upper) >= 0) {
                throw new InvalidValue(shown + " is not before " + kind.print.apply(bounds.upper));
            }
        }
        return kind.print.apply(value);
    }

    private static <T extends Comparable<? super T>> List<String> checkDeclaration(Kind<T> kind, Input input) {
        Bounds<T> bounds = bounds(kind, input);
        List<String> problems = new ArrayList<>(bounds.problems);
        if (bounds.lower != null && bounds.upper != null) {
            int order = bounds.lower.compareTo(bounds.upper);
            if (kind == DURATION && order > 0) {
                problems.add("min " + kind.print.apply(bounds.lower) + " is greater than max " + kind.print.apply(bounds.upper));
            } else if (kind != DURATION && order >= 0) {
                // Both bounds are exclusive, so equal bounds leave no value at all.
                problems.add("after " + kind.print.apply(bounds.lower) + " is not earlier than before "
                    + kind.print.apply(bounds.upper) + ", so no value can be given");
            }
        }
        return problems;
    }

    /** The lower and upper bounds a declaration gives for a kind, and what is wrong with them. */
    private record Bounds<T>(T lower, T upper, List<String> problems) {
    }

    private static <T extends Comparable<? super T>> Bounds<T> bounds(Kind<T> kind, Input input) {
        boolean duration = kind == DURATION;
        List<String> problems = new ArrayList<>();
        T lower = bound(kind, duration ? input.min() : input.after(), duration ? "min" : "after", problems);
        T upper = bound(kind, duration ? input.max() : input.before(), duration ? "max" : "before", problems);
        return new Bounds<>(lower, upper, problems);
    }

    private static <T extends Comparable<? super T>> T bound(Kind<T> kind, Object bound, String name, List<String> problems) {
        if (bound == null) {
            return null;
        }
        try {
            return kind.read(bound);
        } catch (InvalidValue e) {
            problems.add(name + " " + Quoted.of(bound) + " is not " + kind.expected);
            return null;
        }
    }
}
