package io.millrace.schedule;

import com.cronutils.model.time.ExecutionTime;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * The cron-utils matcher the scheduler used before {@link CronFields}, kept as the reference its
 * differential test compares with: cron-utils' {@link ExecutionTime} runs in UTC, where no clock ever
 * jumps, so it sees wall-clock times alone.
 */
final class CronUtilsRule implements CronRule {

    private final String expression;
    private final ExecutionTime times;
    private final boolean everyHour;

    private CronUtilsRule(String expression, ExecutionTime times, boolean everyHour) {
        this.expression = expression;
        this.times = times;
        this.everyHour = everyHour;
    }

    /**
     * Parses {@code cron}.
     *
     * @throws IllegalArgumentException with the user's message when it is not valid
     */
    static CronUtilsRule parse(String cron, boolean withSeconds) {
        String expanded = CronGrammar.expand(cron, withSeconds);
        String hourField = expanded.split(" ")[withSeconds ? 2 : 1];
        return new CronUtilsRule(expanded, ExecutionTime.forCron(CronGrammar.parse(expanded, withSeconds)),
            hours(hourField).cardinality() == 24);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        // matches are whole seconds: one later than a truncated time is later than the time itself
        ZonedDateTime from = after.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        return times.nextExecution(from).map(ZonedDateTime::toLocalDateTime).orElse(null);
    }

    @Override
    public LocalDateTime previousBefore(LocalDateTime before) {
        LocalDateTime ceiling = before.truncatedTo(ChronoUnit.SECONDS);
        if (!ceiling.equals(before)) {
            ceiling = ceiling.plusSeconds(1);
        }
        return times.lastExecution(ceiling.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime).orElse(null);
    }

    @Override
    public boolean everyHour() {
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
