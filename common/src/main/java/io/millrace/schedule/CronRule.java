package io.millrace.schedule;

import java.time.LocalDateTime;

/**
 * A parsed cron expression matched against wall-clock times alone ({@link LocalDateTime}, no zone):
 * {@link CronCalendar} maps the local times to instants with Millrace's own daylight-saving rule.
 * Matches are whole seconds. Implementations are immutable and shared by every trigger with the same
 * expression.
 */
interface CronRule {

    /**
     * Parses {@code cron} into the rule the scheduler uses ({@link CronFields}).
     *
     * @throws IllegalArgumentException with the user's message when it is not valid
     */
    static CronRule parse(String cron, boolean withSeconds) {
        String expanded = CronGrammar.expand(cron, withSeconds);
        return CronFields.of(expanded, CronGrammar.parse(expanded, withSeconds));
    }

    /** The first matching local time strictly after {@code after}, or null. */
    LocalDateTime nextAfter(LocalDateTime after);

    /** The last matching local time strictly before {@code before}, or null. */
    LocalDateTime previousBefore(LocalDateTime before);

    /**
     * Whether the hour field names all 24 hours ({@code *}, as in {@code *}{@code /15 * * * *} or {@code @hourly}):
     * such a schedule follows real time through a repeated hour (see {@code docs/triggers.md}).
     */
    boolean everyHour();

    /** The first matching local time at or after {@code from}, or null. */
    default LocalDateTime nextFrom(LocalDateTime from) {
        return nextAfter(from.minusNanos(1));
    }

    /** Whether some local time in {@code [from, to)} matches. */
    default boolean matchesWithin(LocalDateTime from, LocalDateTime to) {
        LocalDateTime match = nextFrom(from);
        return match != null && match.isBefore(to);
    }
}
