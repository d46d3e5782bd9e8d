package io.millrace.schedule;

import io.millrace.model.condition.Condition;
import io.millrace.model.condition.DateCondition;
import io.millrace.model.condition.DateTimeBetweenCondition;
import io.millrace.model.condition.DayWeekCondition;
import io.millrace.model.condition.DayWeekInMonthCondition;
import io.millrace.model.condition.NotCondition;
import io.millrace.model.condition.OrCondition;
import io.millrace.model.condition.TimeBetweenCondition;
import io.millrace.model.condition.WeekendCondition;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/** Whether a schedule condition (DayWeek, Weekend, TimeBetween… and Not/Or of them) holds for a scheduled date. */
public final class ScheduleConditions {

    /** The condition types a Schedule or ScheduleOnDates trigger can use. */
    public static final Set<Class<? extends Condition>> TYPES = Set.of(DayWeekCondition.class,
        DayWeekInMonthCondition.class, WeekendCondition.class, TimeBetweenCondition.class,
        DateTimeBetweenCondition.class, NotCondition.class, OrCondition.class);

    private ScheduleConditions() {
    }

    /**
     * Whether {@code condition} holds for the date a schedule fires for ({@code scheduledDate}, in the
     * trigger's zone, which also reads dates written without an offset).
     *
     * @throws IllegalArgumentException for a condition a schedule cannot use, or a value flow validation rejects
     */
    public static boolean holds(Condition condition, ZonedDateTime scheduledDate) {
        return switch (condition) {
            case DayWeekCondition d -> dateOf(d, scheduledDate).getDayOfWeek() == d.dayOfWeek();
            case DayWeekInMonthCondition d -> dayWeekInMonthHolds(d, dateOf(d, scheduledDate));
            case WeekendCondition w -> {
                DayOfWeek day = dateOf(w, scheduledDate).getDayOfWeek();
                yield day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
            }
            case TimeBetweenCondition t -> timeBetweenHolds(t, dateOf(t, scheduledDate));
            case DateTimeBetweenCondition d -> dateTimeBetweenHolds(d, dateOf(d, scheduledDate));
            case NotCondition n -> n.conditions().stream().noneMatch(c -> holds(c, scheduledDate));
            case OrCondition o -> o.conditions().stream().anyMatch(c -> holds(c, scheduledDate));
            default -> throw new IllegalArgumentException(
                "condition type '" + condition.type() + "' cannot be used in a schedule");
        };
    }

    /** Whether all of {@code conditions} hold. */
    public static boolean allHold(List<Condition> conditions, ZonedDateTime scheduledDate) {
        for (Condition c : conditions) {
            if (!holds(c, scheduledDate)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code condition} and every condition nested in it is one a schedule can use. */
    public static boolean supported(Condition condition) {
        if (!TYPES.contains(condition.getClass())) {
            return false;
        }
        return nested(condition).stream().allMatch(ScheduleConditions::supported);
    }

    /**
     * Whether the answer of {@code condition} is the same for every date of one local day, so that a
     * search may skip to the next day when it fails.
     */
    static boolean sameAllDay(Condition condition) {
        return switch (condition) {
            case DayWeekCondition d -> true;
            case DayWeekInMonthCondition d -> true;
            case WeekendCondition w -> true;
            case DateCondition d when d.date() != null && !DateTimeText.isScheduledDate(d.date()) -> true;
            case NotCondition n -> n.conditions().stream().allMatch(ScheduleConditions::sameAllDay);
            case OrCondition o -> o.conditions().stream().allMatch(ScheduleConditions::sameAllDay);
            default -> false;
        };
    }

    private static List<Condition> nested(Condition condition) {
        return switch (condition) {
            case NotCondition n -> n.conditions();
            case OrCondition o -> o.conditions();
            default -> List.of();
        };
    }

    private static ZonedDateTime dateOf(DateCondition c, ZonedDateTime scheduledDate) {
        if (c.date() == null || DateTimeText.isScheduledDate(c.date())) {
            return scheduledDate;
        }
        return DateTimeText.dateTime(c.date(), scheduledDate.getZone());
    }

    private static boolean dayWeekInMonthHolds(DayWeekInMonthCondition d, ZonedDateTime date) {
        if (date.getDayOfWeek() != d.dayOfWeek()) {
            return false;
        }
        int day = date.getDayOfMonth();
        return switch (d.dayInMonth()) {
            case FIRST -> day <= 7;
            case SECOND -> day > 7 && day <= 14;
            case THIRD -> day > 14 && day <= 21;
            case FOURTH -> day > 21 && day <= 28;
            case LAST -> day + 7 > date.toLocalDate().lengthOfMonth();
        };
    }

    /**
     * Both bounds exclusive, as in Kestra. Bounds with an offset read the date at that offset (the
     * {@code after} bound is moved to {@code before}'s offset when both have one); bounds without read it in
     * the trigger's zone. When {@code after} is later than {@code before} the window spans midnight.
     */
    private static boolean timeBetweenHolds(TimeBetweenCondition t, ZonedDateTime date) {
        DateTimeText.TimeOfDay after = t.after() == null ? null : DateTimeText.time(t.after());
        DateTimeText.TimeOfDay before = t.before() == null ? null : DateTimeText.time(t.before());
        if (after == null && before == null) {
            throw new IllegalArgumentException("TimeBetween needs after, before or both");
        }
        if (after != null && before != null && after.offset() != null && before.offset() != null) {
            after = new DateTimeText.TimeOfDay(
                after.time().atOffset(after.offset()).withOffsetSameInstant(before.offset()).toLocalTime(), before.offset());
        }
        boolean afterHolds = after == null || timeAt(date, after).isAfter(after.time());
        boolean beforeHolds = before == null || timeAt(date, before).isBefore(before.time());
        if (after != null && before != null && after.time().isAfter(before.time())) {
            return afterHolds || beforeHolds;
        }
        return afterHolds && beforeHolds;
    }

    private static LocalTime timeAt(ZonedDateTime date, DateTimeText.TimeOfDay bound) {
        return bound.offset() == null ? date.toLocalTime() : date.withZoneSameInstant(bound.offset()).toLocalTime();
    }

    /** Both bounds included, as in Kestra. */
    private static boolean dateTimeBetweenHolds(DateTimeBetweenCondition d, ZonedDateTime date) {
        if (d.after() == null && d.before() == null) {
            throw new IllegalArgumentException("DateTimeBetween needs after, before or both");
        }
        if (d.after() != null && date.toInstant().isBefore(DateTimeText.dateTime(d.after(), date.getZone()).toInstant())) {
            return false;
        }
        return d.before() == null || !date.toInstant().isAfter(DateTimeText.dateTime(d.before(), date.getZone()).toInstant());
    }
}
