package io.millrace.schedule;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The dates a Schedule or ScheduleOnDates trigger fires at, conditions applied, as instants. Built by
 * {@link FireCalendars}; immutable and thread-safe.
 */
public interface FireCalendar {

    /** The first fire date strictly after {@code after}, or null when none is left (or none within the search bound). */
    Instant next(Instant after);

    /** The last fire date strictly before {@code before}, or null when there is none (or none within the search bound). */
    Instant previous(Instant before);

    /** The time zone the trigger's dates are read in, and its {@code trigger.*} dates are shown in. */
    ZoneId zone();
}
