package io.millrace.schedule;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code trigger.*} variables of an execution a schedule starts, as Kestra exposes them:
 * {@code date} (the scheduled date), {@code next} and {@code previous} (the fire dates around it, left out
 * when there is none), each an ISO-8601 date-time with the offset of the trigger's zone, to the second
 * ({@code 2026-03-29T03:00:00+02:00}, {@code 2026-01-05T09:00:00Z} in UTC).
 */
public final class ScheduleVariables {

    private ScheduleVariables() {
    }

    /** The variables of the fire of {@code calendar} at {@code scheduledDate}. */
    public static Map<String, Object> of(FireCalendar calendar, Instant scheduledDate) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("date", format(calendar, scheduledDate));
        Instant next = calendar.next(scheduledDate);
        if (next != null) {
            variables.put("next", format(calendar, next));
        }
        Instant previous = calendar.previous(scheduledDate);
        if (previous != null) {
            variables.put("previous", format(calendar, previous));
        }
        return variables;
    }

    /** {@code date} as the variables show it. */
    public static String format(FireCalendar calendar, Instant date) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(date.truncatedTo(ChronoUnit.SECONDS).atZone(calendar.zone()));
    }
}
