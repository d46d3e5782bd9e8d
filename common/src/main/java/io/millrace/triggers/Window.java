package io.millrace.triggers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One window of a MultipleCondition: {@code [start, end)}. Windows of a day or less tile each UTC
 * day from midnight plus {@code windowAdvance} (the last one of a day is cut short when the length
 * does not divide a day); longer windows follow each other from 1970-01-01 plus the advance.
 */
public record Window(Instant start, Instant end) {

    private static final Duration DAY = Duration.ofDays(1);

    /** The window of length {@code length}, shifted by {@code advance}, that contains {@code at}. */
    public static Window of(Duration length, Duration advance, Instant at) {
        if (length == null || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("the window of a MultipleCondition must be positive, got " + length);
        }
        Duration shift = advance == null ? Duration.ZERO : advance;
        if (length.compareTo(DAY) <= 0) {
            Instant dayStart = at.minus(shift).truncatedTo(ChronoUnit.DAYS).plus(shift);
            Instant start = dayStart.plusMillis(Math.floorDiv(Duration.between(dayStart, at).toMillis(), length.toMillis())
                * length.toMillis());
            Instant end = start.plus(length);
            Instant nextDay = dayStart.plus(DAY);
            return new Window(start, end.isAfter(nextDay) ? nextDay : end);
        }
        Instant anchor = Instant.EPOCH.plus(shift);
        long n = Math.floorDiv(Duration.between(anchor, at).toMillis(), length.toMillis());
        Instant start = anchor.plusMillis(n * length.toMillis());
        return new Window(start, start.plus(length));
    }

    /** Whether {@code at} is inside this window. */
    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
