package io.millrace.schedule;

import com.cronutils.model.field.CronField;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.expression.QuestionMark;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The days of a month that a cron's day-of-month and day-of-week fields select together, read as cron-utils
 * reads them. Which days those are depends only on the month's layout (its length and the weekday of its
 * first day), so the days of all 28 layouts are computed once, as bit masks (bit {@code d} for day
 * {@code d}), and a month's days are a table look-up.
 *
 * <p>cron-utils' reading, kept exactly: when both fields are restricted a day must match both; {@code ?}
 * in one field leaves the other alone, and in both selects nothing; {@code L} alone in day-of-week is
 * Sunday; inside a day-of-month list, {@code L} and {@code LW} select nothing and {@code nW} is plain
 * day {@code n}; {@code nW} keeps a last day of month that is a Sunday. Where cron-utils fails instead of
 * answering ({@code nW} past a month's end, {@code L} closing a range, a day-of-week step of 8 or more),
 * the day is read as the expression says.
 */
final class CronDays {

    private static final int SUNDAY = 7;

    /** Masks by layout: {@code (length - 28) * 7 + (weekday of the 1st - 1)}. */
    private final long[] masks = new long[28];

    private CronDays(CronField dayOfMonth, CronField dayOfWeek) {
        FieldExpression dom = dayOfMonth.getExpression();
        FieldExpression dow = dayOfWeek.getExpression();
        for (int length = 28; length <= 31; length++) {
            for (int first = 1; first <= 7; first++) {
                long all = range(1, length);
                long byMonth = dom instanceof QuestionMark ? all : dayOfMonth(dom, length, first);
                long byWeek = dow instanceof QuestionMark ? (dom instanceof QuestionMark ? 0 : all)
                    : dayOfWeek(dow, length, first);
                masks[(length - 28) * 7 + first - 1] = byMonth & byWeek;
            }
        }
    }

    /** The days the two fields select together. */
    static CronDays of(CronField dayOfMonth, CronField dayOfWeek) {
        return new CronDays(dayOfMonth, dayOfWeek);
    }

    /** The selected days of month {@code month} (1-12) of {@code year}, as a mask. */
    long in(int year, int month) {
        LocalDate first = LocalDate.of(year, month, 1);
        return masks[(first.lengthOfMonth() - 28) * 7 + first.getDayOfWeek().getValue() - 1];
    }

    /** Whether no month of {@code months} (a mask of 1-12) ever has a selected day. */
    boolean never(long months) {
        for (int month = 1; month <= 12; month++) {
            if ((months & (1L << month)) == 0) {
                continue;
            }
            int shortest = month == 2 ? 28 : LocalDate.of(2001, month, 1).lengthOfMonth();
            int longest = month == 2 ? 29 : shortest;
            for (int length = shortest; length <= longest; length++) {
                for (int first = 1; first <= 7; first++) {
                    if (masks[(length - 28) * 7 + first - 1] != 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static long dayOfMonth(FieldExpression e, int length, int first) {
        return switch (e) {
            case On on -> switch (on.getSpecialChar().getValue()) {
                case L -> day(length - Math.max(on.getNth().getValue(), 0), length);
                case W -> nearestWeekday(on.getTime().getValue(), length, first);
                case LW -> lastWeekday(length, first);
                default -> day(on.getTime().getValue(), length);
            };
            case And and -> {
                long days = 0;
                for (FieldExpression item : and.getExpressions()) {
                    // cron-utils reads each item of a list as a plain value: L and LW (no number) add nothing
                    days |= item instanceof On on ? day(on.getTime().getValue(), length)
                        : FieldSet.values(item, 1, 31, length);
                }
                yield days;
            }
            default -> FieldSet.values(e, 1, 31, length);
        };
    }

    private static long dayOfWeek(FieldExpression e, int length, int first) {
        return switch (e) {
            case Always always -> range(1, length);
            case On on -> switch (on.getSpecialChar().getValue()) {
                case HASH -> day(firstWeekday(weekday(on.getTime().getValue()), first) + 7 * (on.getNth().getValue() - 1),
                    length);
                case L -> on.getTime().getValue() == -1 ? weekdays(1L << SUNDAY, length, first)
                    : lastOfWeekday(weekday(on.getTime().getValue()), length, first);
                default -> weekdays(1L << weekday(on.getTime().getValue()), length, first);
            };
            case Between between -> weekdays(weekdaySet(FieldSet.values(between, 0, 7, 7)), length, first);
            case Every every -> weekdays(weekdaySet(FieldSet.values(every, 0, 7, 7)), length, first);
            case And and -> {
                long days = 0;
                for (FieldExpression item : and.getExpressions()) {
                    days |= dayOfWeek(item, length, first);
                }
                yield days;
            }
            default -> 0;
        };
    }

    /** Cron day-of-week values (0-7, 0 and 7 Sunday) as a mask of ISO weekdays (1 Monday - 7 Sunday). */
    private static long weekdaySet(long values) {
        long weekdays = 0;
        for (int v = 0; v <= 7; v++) {
            if ((values & (1L << v)) != 0) {
                weekdays |= 1L << weekday(v);
            }
        }
        return weekdays;
    }

    private static int weekday(int cronValue) {
        return cronValue == 0 ? SUNDAY : cronValue;
    }

    /** The days whose ISO weekday is in {@code weekdays}. */
    private static long weekdays(long weekdays, int length, int first) {
        long days = 0;
        for (int d = 1; d <= length; d++) {
            if ((weekdays & (1L << weekdayOf(d, first))) != 0) {
                days |= 1L << d;
            }
        }
        return days;
    }

    private static int weekdayOf(int day, int first) {
        return (first - 1 + day - 1) % 7 + 1;
    }

    private static int firstWeekday(int weekday, int first) {
        return 1 + Math.floorMod(weekday - first, 7);
    }

    private static long lastOfWeekday(int weekday, int length, int first) {
        return day(length - Math.floorMod(weekdayOf(length, first) - weekday, 7), length);
    }

    private static long nearestWeekday(int day, int length, int first) {
        if (day > length) {
            return 0;
        }
        int weekday = weekdayOf(day, first);
        if (weekday == DayOfWeek.SATURDAY.getValue()) {
            return day(day == 1 ? 3 : day - 1, length);
        }
        if (weekday == SUNDAY && day + 1 <= length) {
            return day(day + 1, length);
        }
        return day(day, length);
    }

    private static long lastWeekday(int length, int first) {
        int past = weekdayOf(length, first) - DayOfWeek.FRIDAY.getValue();
        return day(past > 0 ? length - past : length, length);
    }

    private static long day(int day, int length) {
        return day >= 1 && day <= length ? 1L << day : 0;
    }

    private static long range(int from, int to) {
        return FieldSet.range(from, to);
    }
}
