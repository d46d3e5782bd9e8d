package io.millrace.schedule;

import io.millrace.model.condition.Condition;
import io.millrace.model.trigger.Schedule;
import io.millrace.model.trigger.ScheduleOnDates;
import io.millrace.model.trigger.ScheduledTrigger;
import io.millrace.model.trigger.Trigger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Builds the {@link FireCalendar} of a Schedule or ScheduleOnDates trigger. Parsing a cron expression
 * costs far more than the rest, and thousands of flows share a handful of expressions, so parsed
 * expressions are kept (up to {@link #CACHE_LIMIT} distinct ones; beyond, each is parsed on its own).
 * Thread-safe; create one per scheduler and share it.
 */
public final class FireCalendars {

    /** Distinct cron expressions kept parsed. */
    static final int CACHE_LIMIT = 10_000;

    private record CronKey(String cron, boolean withSeconds) {
    }

    private final ZoneId defaultZone;
    private final ConcurrentMap<CronKey, CronRule> rules = new ConcurrentHashMap<>();

    /** Calendars whose triggers without a {@code timezone} read their dates in UTC. */
    public FireCalendars() {
        this(ZoneOffset.UTC);
    }

    /** Calendars whose triggers without a {@code timezone} read their dates in {@code defaultZone}. */
    public FireCalendars(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /** The zone of triggers without a {@code timezone}. */
    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** Whether {@code trigger} is one this factory builds calendars for. */
    public static boolean isScheduled(Trigger trigger) {
        return trigger instanceof Schedule || trigger instanceof ScheduleOnDates;
    }

    /**
     * The calendar of {@code trigger}, its conditions applied.
     *
     * @throws IllegalArgumentException when it is not a Schedule or ScheduleOnDates, or holds a value flow
     *                                  validation rejects (bad cron, time zone or date, unsupported condition)
     */
    public FireCalendar of(Trigger trigger) {
        FireCalendar dates = switch (trigger) {
            case Schedule s -> new CronCalendar(rule(s), zoneOf(s));
            case ScheduleOnDates d -> dates(d);
            default -> throw new IllegalArgumentException("trigger '" + trigger.id() + "' of type " + trigger.type()
                + " has no fire dates");
        };
        List<Condition> conditions = trigger.conditions();
        for (Condition c : conditions) {
            if (!ScheduleConditions.supported(c)) {
                throw new IllegalArgumentException("trigger '" + trigger.id() + "' has a condition of type "
                    + c.type() + " a schedule cannot use");
            }
        }
        return conditions.isEmpty() ? dates : new ConditionalCalendar(dates, conditions);
    }

    private CronRule rule(Schedule s) {
        if (s.cron() == null) {
            throw new IllegalArgumentException("trigger '" + s.id() + "' has no cron expression");
        }
        CronKey key = new CronKey(s.cron().strip(), s.isWithSeconds());
        CronRule cached = rules.get(key);
        if (cached != null) {
            return cached;
        }
        CronRule parsed = CronRule.parse(key.cron(), key.withSeconds());
        if (rules.size() < CACHE_LIMIT) {
            rules.putIfAbsent(key, parsed);
        }
        return parsed;
    }

    private FireCalendar dates(ScheduleOnDates d) {
        ZoneId zone = zoneOf(d);
        Instant[] instants = d.dates().stream().map(text -> DateTimeText.dateTime(text, zone).toInstant())
            .toArray(Instant[]::new);
        return new DatesCalendar(instants, zone);
    }

    private ZoneId zoneOf(ScheduledTrigger t) {
        if (t.timezone() == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(t.timezone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + t.timezone() + "' is not a time zone", e);
        }
    }

    /** Distinct cron expressions parsed and kept, for tests. */
    int cachedRules() {
        return rules.size();
    }
}
