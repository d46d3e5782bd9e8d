package io.millrace.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads the dates and times written in schedule triggers and their conditions: ISO-8601 date-times
 * with an offset or zone, or without one (then read in the trigger's zone), dates, and times of day.
 */
public final class DateTimeText {

    /** How a date-time may be written, for messages. */
    public static final String DATE_TIME_FORMATS =
        "an ISO-8601 date-time such as 2026-01-31T09:00:00Z, 2026-01-31T09:00:00+01:00 or 2026-01-31T09:00:00 (in the trigger's time zone)";
    /** How a time of day may be written, for messages. */
    public static final String TIME_FORMATS = "an ISO-8601 time such as 08:00:00, or 08:00:00+02:00 with an offset";

    private static final Pattern SCHEDULED_DATE = Pattern.compile("\\{\\{\\s*(trigger|schedule)\\.date\\s*}}");

    private DateTimeText() {
    }

    /** A time of day, with the offset it is read at (null: the trigger's local time). */
    public record TimeOfDay(LocalTime time, ZoneOffset offset) {
    }

    /** Whether {@code text} names the scheduled date: {@code {{ trigger.date }}} (or {@code {{ schedule.date }}}). */
    public static boolean isScheduledDate(String text) {
        return SCHEDULED_DATE.matcher(text.strip()).matches();
    }

    /**
     * Reads a date-time; without an offset it is a local time of {@code zone}, and a date alone is its start of day.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static ZonedDateTime dateTime(String text, ZoneId zone) {
        String t = text.strip();
        try {
            return ZonedDateTime.parse(t);
        } catch (DateTimeParseException ignored) {
            // not with an offset: try the local forms
        }
        try {
            return LocalDateTime.parse(t).atZone(zone);
        } catch (DateTimeParseException ignored) {
            // not a local date-time either
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + DATE_TIME_FORMATS);
        }
    }

    /**
     * Reads a time of day, with or without an offset.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static TimeOfDay time(String text) {
        String t = text.strip();
        try {
            OffsetTime o = OffsetTime.parse(t);
            return new TimeOfDay(o.toLocalTime(), o.getOffset());
        } catch (DateTimeParseException ignored) {
            // no offset: a local time
        }
        try {
            return new TimeOfDay(LocalTime.parse(t), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + TIME_FORMATS);
        }
    }
}
