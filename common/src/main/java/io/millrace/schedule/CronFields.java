package io.millrace.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronField;
import com.cronutils.model.field.CronFieldName;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A cron expression as the values each field names (bit masks) and the days each month layout selects
 * ({@link CronDays}), searched field by field: a month that matches, then a day, then a time of day. It
 * gives what cron-utils' own search gives on the same parsed expression, without its per-call cost: cron-utils
 * parses and validates, this class matches.
 */
final class CronFields implements CronRule {

    /** Years searched for a match before giving up; any expression that matches at all does so every 40 years. */
    private static final int YEARS = 100;
    private static final int ALL_HOURS = (1 << 24) - 1;

    private final String expression;
    private final long seconds;
    private final long minutes;
    private final long hours;
    private final long months;
    private final CronDays days;
    private final boolean never;
    private final int firstTime;
    private final int lastTime;

    private CronFields(String expression, long seconds, long minutes, long hours, long months, CronDays days) {
        this.expression = expression;
        this.seconds = seconds;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.days = days;
        this.never = seconds == 0 || minutes == 0 || hours == 0 || days.never(months);
        this.firstTime = never ? -1 : timeFrom(0);
        this.lastTime = never ? -1 : timeUntil(86_399);
    }

    /** The rule of {@code cron}, parsed from {@code expression} (the expanded text, for messages). */
    static CronFields of(String expression, Cron cron) {
        CronField second = cron.retrieve(CronFieldName.SECOND);
        return new CronFields(expression,
            second == null ? 1L : FieldSet.values(second.getExpression(), 0, 59, 59),
            FieldSet.values(cron.retrieve(CronFieldName.MINUTE).getExpression(), 0, 59, 59),
            FieldSet.values(cron.retrieve(CronFieldName.HOUR).getExpression(), 0, 23, 23),
            FieldSet.values(cron.retrieve(CronFieldName.MONTH).getExpression(), 1, 12, 12),
            CronDays.of(cron.retrieve(CronFieldName.DAY_OF_MONTH), cron.retrieve(CronFieldName.DAY_OF_WEEK)));
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        // matches are whole seconds: the first one after a time is the first at or after its next whole second
        LocalDateTime from = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        if (never) {
            return null;
        }
        int year = from.getYear();
        int month = from.getMonthValue();
        int day = from.getDayOfMonth();
        int time = from.toLocalTime().toSecondOfDay();
        for (int last = year + YEARS; year <= last; ) {
            if ((months & (1L << month)) != 0) {
                long selected = days.in(year, month);
                if ((selected & (1L << day)) != 0) {
                    int t = timeFrom(time);
                    if (t >= 0) {
                        return at(year, month, day, t);
                    }
                }
                int later = nextBit(selected, day + 1);
                if (later >= 0) {
                    return at(year, month, later, firstTime);
                }
            }
            day = 0;
            if (++month > 12) {
                month = 1;
                year++;
            }
        }
        return null;
    }

    @Override
    public LocalDateTime previousBefore(LocalDateTime before) {
        // the last match before a time is the last at or before the second before its ceiling
        LocalDateTime ceiling = before.truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime until = ceiling.equals(before) ? ceiling.minusSeconds(1) : ceiling;
        if (never) {
            return null;
        }
        int year = until.getYear();
        int month = until.getMonthValue();
        int day = until.getDayOfMonth();
        int time = until.toLocalTime().toSecondOfDay();
        for (int first = year - YEARS; year >= first; ) {
            if ((months & (1L << month)) != 0) {
                long selected = days.in(year, month);
                if ((selected & (1L << day)) != 0) {
                    int t = timeUntil(time);
                    if (t >= 0) {
                        return at(year, month, day, t);
                    }
                }
                int earlier = previousBit(selected, day - 1);
                if (earlier >= 0) {
                    return at(year, month, earlier, lastTime);
                }
            }
            day = 32;
            if (--month < 1) {
                month = 12;
                year--;
            }
        }
        return null;
    }

    @Override
    public boolean everyHour() {
        return hours == ALL_HOURS;
    }

    @Override
    public String toString() {
        return expression;
    }

    /** The first matching second of the day at or after {@code time}, or -1. */
    private int timeFrom(int time) {
        int h = time / 3600;
        int m = time / 60 % 60;
        if ((hours & (1L << h)) != 0) {
            if ((minutes & (1L << m)) != 0) {
                int s = nextBit(seconds, time % 60);
                if (s >= 0) {
                    return h * 3600 + m * 60 + s;
                }
            }
            int later = nextBit(minutes, m + 1);
            if (later >= 0) {
                return h * 3600 + later * 60 + Long.numberOfTrailingZeros(seconds);
            }
        }
        int later = nextBit(hours, h + 1);
        return later < 0 ? -1 : later * 3600 + Long.numberOfTrailingZeros(minutes) * 60 + Long.numberOfTrailingZeros(seconds);
    }

    /** The last matching second of the day at or before {@code time}, or -1. */
    private int timeUntil(int time) {
        int h = time / 3600;
        int m = time / 60 % 60;
        if ((hours & (1L << h)) != 0) {
            if ((minutes & (1L << m)) != 0) {
                int s = previousBit(seconds, time % 60);
                if (s >= 0) {
                    return h * 3600 + m * 60 + s;
                }
            }
            int earlier = previousBit(minutes, m - 1);
            if (earlier >= 0) {
                return h * 3600 + earlier * 60 + highest(seconds);
            }
        }
        int earlier = previousBit(hours, h - 1);
        return earlier < 0 ? -1 : earlier * 3600 + highest(minutes) * 60 + highest(seconds);
    }

    private static LocalDateTime at(int year, int month, int day, int time) {
        return LocalDateTime.of(year, month, day, time / 3600, time / 60 % 60, time % 60);
    }

    /** The lowest set bit at or above {@code from}, or -1. */
    private static int nextBit(long mask, int from) {
        if (from > 63) {
            return -1;
        }
        long above = mask & (-1L << from);
        return above == 0 ? -1 : Long.numberOfTrailingZeros(above);
    }

    /** The highest set bit at or below {@code from}, or -1. */
    private static int previousBit(long mask, int from) {
        if (from < 0) {
            return -1;
        }
        long below = from >= 63 ? mask : mask & ((1L << (from + 1)) - 1);
        return below == 0 ? -1 : highest(below);
    }

    private static int highest(long mask) {
        return 63 - Long.numberOfLeadingZeros(mask);
    }
}
