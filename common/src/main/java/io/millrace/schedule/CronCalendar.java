package io.millrace.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The fire dates of a cron expression in a time zone. The expression is matched against local
 * wall-clock time; the zone's offset transitions then decide the instants (see {@code docs/triggers.md}):
 * <ul>
 *   <li>local times skipped by a spring-forward gap fire once, at the gap's end (the instant the
 *       clocks jump), which is also where a match at the first local time after the gap fires;</li>
 *   <li>local times repeated by a fall-back overlap fire once, at their first occurrence, unless the
 *       expression names every hour ({@link CronRule#everyHour()}): then they fire in both passes.</li>
 * </ul>
 * Walks the instants one constant-offset segment at a time, so the {@link CronRule} never sees a zone
 * (cron-utils' own zoned search skips a daily fire that falls in a gap).
 */
final class CronCalendar implements FireCalendar {

    /** Offset segments walked for one answer before giving up: centuries of transitions. */
    private static final int MAX_SEGMENTS = 1_000;

    private final CronRule rule;
    private final ZoneId zone;
    private final ZoneRules rules;

    CronCalendar(CronRule rule, ZoneId zone) {
        this.rule = rule;
        this.zone = zone;
        this.rules = zone.getRules();
    }

    @Override
    public Instant next(Instant after) {
        Instant t = after;
        boolean inclusive = false;
        for (int segments = 0; segments < MAX_SEGMENTS; segments++) {
            ZoneOffset offset = rules.getOffset(t);
            LocalDateTime local = LocalDateTime.ofInstant(t, offset);
            LocalDateTime candidate = inclusive ? rule.nextFrom(local) : rule.nextAfter(local);
            LocalDateTime firstNew = firstNewLocalTime(rules.previousTransition(t.plusNanos(1)));
            if (candidate != null && firstNew != null && candidate.isBefore(firstNew)) {
                candidate = rule.nextFrom(firstNew);
            }
            ZoneOffsetTransition transition = rules.nextTransition(t);
            if (candidate != null) {
                Instant fire = candidate.toInstant(offset);
                if (transition == null || fire.isBefore(transition.getInstant())) {
                    return fire;
                }
            } else if (transition == null || transition.isGap()) {
                // nothing matches later in local time, and a gap only moves local time further on
                return null;
            }
            if (transition.isGap() && rule.matchesWithin(transition.getDateTimeBefore(), transition.getDateTimeAfter())) {
                return transition.getInstant();
            }
            t = transition.getInstant();
            inclusive = true;
        }
        return null;
    }

    @Override
    public Instant previous(Instant before) {
        Instant t = before;
        for (int segments = 0; segments < MAX_SEGMENTS; segments++) {
            ZoneOffsetTransition start = rules.previousTransition(t);
            ZoneOffset offset = rules.getOffset(t.minusNanos(1));
            LocalDateTime candidate = rule.previousBefore(LocalDateTime.ofInstant(t, offset));
            LocalDateTime lowest = start == null ? null : start.getDateTimeAfter();
            LocalDateTime firstNew = firstNewLocalTime(start);
            if (firstNew != null) {
                lowest = firstNew;
            }
            if (candidate != null && (lowest == null || !candidate.isBefore(lowest))) {
                return candidate.toInstant(offset);
            }
            if (start == null || (candidate == null && start.isGap())) {
                return null;
            }
            if (start.isGap() && rule.matchesWithin(start.getDateTimeBefore(), start.getDateTimeAfter())) {
                return start.getInstant();
            }
            t = start.getInstant();
        }
        return null;
    }

    /**
     * After a fall-back {@code transition} (the one starting the segment), the first local time that
     * did not already occur before it; null when none is filtered (a gap, or an every-hour schedule).
     */
    private LocalDateTime firstNewLocalTime(ZoneOffsetTransition transition) {
        if (transition == null || !transition.isOverlap() || rule.everyHour()) {
            return null;
        }
        return transition.getDateTimeBefore();
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "cron '" + rule + "' in " + zone;
    }
}
