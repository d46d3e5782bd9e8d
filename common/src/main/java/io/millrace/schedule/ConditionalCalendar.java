package io.millrace.schedule;

import io.millrace.model.condition.Condition;
import io.millrace.model.condition.DateTimeBetweenCondition;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A calendar whose dates at which the trigger's conditions do not all hold are skipped. The search is
 * bounded, so that an impossible combination (Weekend and DayWeek MONDAY) ends with null rather than
 * never: at most {@link #SEARCH_SPAN} beyond the first candidate date and {@link #MAX_CANDIDATES} dates tested.
 * It skips whole days when every condition reads only the day, and jumps to a DateTimeBetween window.
 */
final class ConditionalCalendar implements FireCalendar {

    /** How far from its start a search looks (about 10 years, as Kestra). */
    static final Duration SEARCH_SPAN = Duration.ofDays(3_653);
    /** How many candidate dates one search tests: a day of a schedule firing every second, and more. */
    static final int MAX_CANDIDATES = 200_000;

    private final FireCalendar dates;
    private final List<Condition> conditions;
    private final boolean dayLevel;

    ConditionalCalendar(FireCalendar dates, List<Condition> conditions) {
        this.dates = dates;
        this.conditions = List.copyOf(conditions);
        this.dayLevel = conditions.stream().allMatch(ScheduleConditions::sameAllDay);
    }

    @Override
    public Instant next(Instant after) {
        Instant limit = null;
        Instant t = after;
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Instant candidate = dates.next(t);
            if (limit == null && candidate != null) {
                limit = candidate.plus(SEARCH_SPAN);
            }
            if (candidate == null || candidate.isAfter(limit)) {
                return null;
            }
            ZonedDateTime date = candidate.atZone(zone());
            if (ScheduleConditions.allHold(conditions, date)) {
                return candidate;
            }
            t = candidate;
            if (dayLevel) {
                t = date.toLocalDate().plusDays(1).atStartOfDay(zone()).toInstant().minusNanos(1);
            }
            for (Condition c : conditions) {
                if (c instanceof DateTimeBetweenCondition between && readsScheduledDate(between)) {
                    if (between.before() != null && candidate.isAfter(bound(between.before()))) {
                        return null;
                    }
                    if (between.after() != null && candidate.isBefore(bound(between.after()))) {
                        t = latest(t, bound(between.after()).minusNanos(1));
                    }
                }
            }
        }
        return null;
    }

    @Override
    public Instant previous(Instant before) {
        Instant limit = null;
        Instant t = before;
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Instant candidate = dates.previous(t);
            if (limit == null && candidate != null) {
                limit = candidate.minus(SEARCH_SPAN);
            }
            if (candidate == null || candidate.isBefore(limit)) {
                return null;
            }
            ZonedDateTime date = candidate.atZone(zone());
            if (ScheduleConditions.allHold(conditions, date)) {
                return candidate;
            }
            t = candidate;
            if (dayLevel) {
                Instant startOfDay = date.toLocalDate().atStartOfDay(zone()).toInstant();
                t = startOfDay.isBefore(t) ? startOfDay : t;
            }
            for (Condition c : conditions) {
                if (c instanceof DateTimeBetweenCondition between && readsScheduledDate(between)) {
                    if (between.after() != null && candidate.isBefore(bound(between.after()))) {
                        return null;
                    }
                    if (between.before() != null && candidate.isAfter(bound(between.before()))) {
                        Instant end = bound(between.before()).plusNanos(1);
                        t = end.isBefore(t) ? end : t;
                    }
                }
            }
        }
        return null;
    }

    private static boolean readsScheduledDate(DateTimeBetweenCondition c) {
        return c.date() == null || DateTimeText.isScheduledDate(c.date());
    }

    private Instant bound(String text) {
        return DateTimeText.dateTime(text, zone()).toInstant();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public ZoneId zone() {
        return dates.zone();
    }

    @Override
    public String toString() {
        return dates + " when " + conditions.size() + " condition(s) hold";
    }
}
