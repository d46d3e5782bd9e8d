package io.millrace.schedule;

import com.cronutils.model.time.ExecutionTime;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A parsed cron expression matched against wall-clock times alone ({@link LocalDateTime}, no zone):
 * cron-utils runs in UTC, where no clock ever jumps, and {@link CronCalendar} maps the local times
 * to instants with Millrace's own daylight-saving rule. Immutable and shared by every trigger with
 * the same expression.
 */
final class CronRule {

    private final String expression;
    private final ExecutionTime times;
    private final boolean everyHour;

    private CronRule(String expression, ExecutionTime times, boolean everyHour) {
        this.expression = expression;
        this.times = times;
        this.everyHour = everyHour;
    }

    /**
     * Parses {@code cron}.
     *
     * @throws IllegalArgumentException with the user's message when it is not valid
     */
    static CronRule parse(String cron, boolean withSeconds) {
        String expanded = CronGrammar.expand(cron, withSeconds);
        String hourField = expanded.split(" ")[withSeconds ? 2 : 1];
        return new CronRule(expanded, ExecutionTime.forCron(CronGrammar.parse(expanded, withSeconds)),
            hours(hourField).cardinality() == 24);
    }

    /** The first matching local time strictly after {@code after}, or null. */
    LocalDateTime nextAfter(LocalDateTime after) {
        // matches are whole seconds: one later than a truncated time is later than the time itself
        ZonedDateTime from = after.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        return times.nextExecution(from).map(ZonedDateTime::toLocalDateTime).orElse(null);
    }

    /** The first matching local time at or after {@code from}, or null. */
    LocalDateTime nextFrom(LocalDateTime from) {
        return nextAfter(from.minusNanos(1));
    }

    /** The last matching local time strictly before {@code before}, or null. */
    LocalDateTime previousBefore(LocalDateTime before) {
        LocalDateTime ceiling = before.truncatedTo(ChronoUnit.SECONDS);
        if (!ceiling.equals(before)) {
            ceiling = ceiling.plusSeconds(1);
        }
        return times.lastExecution(ceiling.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime).orElse(null);
    }

    /** Whether some local time in {@code [from, to)} matches. */
    boolean matchesWithin(LocalDateTime from, LocalDateTime to) {
        LocalDateTime match = nextFrom(from);
        return match != null && match.isBefore(to);
    }

    /**
     * Whether the hour field names all 24 hours ({@code *}, as in {@code *}{@code /15 * * * *} or {@code @hourly}):
     * such a schedule follows real time through a repeated hour (see {@code docs/triggers.md}).
     */
    boolean everyHour() {
        return everyHour;
    }

    @Override
    public String toString() {
        return expression;
    }

    /** The hours an hour field names; the field already passed cron-utils' validation. */
    static BitSet hours(String field) {
        BitSet hours = new BitSet(24);
        for (String item : field.split(",")) {
            String[] stepped = item.split("/", 2);
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            String base = stepped[0];
            int from;
            int to;
            if (base.equals("*") || base.equals("?")) {
                from = 0;
                to = 23;
            } else if (base.contains("-")) {
                String[] range = base.split("-", 2);
                from = Integer.parseInt(range[0]);
                to = Integer.parseInt(range[1]);
            } else {
                from = Integer.parseInt(base);
                to = stepped.length == 2 ? 23 : from;
            }
            for (int h = from; h <= to; h += step) {
                hours.set(h);
            }
        }
        return hours;
    }
}
