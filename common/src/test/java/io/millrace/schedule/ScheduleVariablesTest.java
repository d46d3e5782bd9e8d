package io.millrace.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.millrace.schedule.ScheduleTriggers.cron;
import static io.millrace.schedule.ScheduleTriggers.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/** The trigger.* variables of a scheduled execution. */
class ScheduleVariablesTest {

    private final FireCalendars calendars = new FireCalendars();

    @Test
    void datesCarryTheOffsetOfTheTriggersZone() {
        FireCalendar paris = calendars.of(cron("30 2 * * *", "Europe/Paris"));
        assertThat(ScheduleVariables.of(paris, Instant.parse("2025-03-30T01:00:00Z"))).containsExactly(
            entry("date", "2025-03-30T03:00:00+02:00"),
            entry("next", "2025-03-31T02:30:00+02:00"),
            entry("previous", "2025-03-29T02:30:00+01:00"));
    }

    @Test
    void utcIsWrittenZ() {
        FireCalendar utc = calendars.of(cron("0 9 * * *", null));
        assertThat(ScheduleVariables.of(utc, Instant.parse("2025-01-02T09:00:00Z"))).containsExactly(
            entry("date", "2025-01-02T09:00:00Z"),
            entry("next", "2025-01-03T09:00:00Z"),
            entry("previous", "2025-01-01T09:00:00Z"));
    }

    @Test
    void aMissingNeighbourIsLeftOut() {
        FireCalendar once = calendars.of(trigger("""
            - id: once
              type: io.millrace.core.trigger.ScheduleOnDates
              dates: [2026-03-31T18:00:00Z]
            """));
        assertThat(ScheduleVariables.of(once, Instant.parse("2026-03-31T18:00:00Z")))
            .containsExactly(entry("date", "2026-03-31T18:00:00Z"));
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return java.util.Map.entry(key, value);
    }
}
