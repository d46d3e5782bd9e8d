package io.millrace.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static io.millrace.schedule.ScheduleTriggers.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/** ScheduleOnDates fires at each of its dates once, in order. */
class ScheduleOnDatesCalendarTest {

    private final FireCalendars calendars = new FireCalendars(ZoneId.of("Europe/Paris"));

    private final FireCalendar dates = calendars.of(trigger("""
        - id: closings
          type: io.kestra.plugin.core.trigger.ScheduleOnDates
          timezone: America/New_York
          dates:
            - 2026-06-30T18:00:00Z
            - 2026-03-31T18:00:00
            - 2020-01-01T00:00:00Z
            - 2026-06-30T20:00:00+02:00
            - 2026-06-30T18:00:00.400Z
        """));

    @Test
    void firesInDateOrderAndADateWrittenTwiceOnce() {
        assertThat(dates.next(Instant.parse("2021-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
        assertThat(dates.next(Instant.parse("2026-03-31T22:00:00Z"))).isEqualTo(Instant.parse("2026-06-30T18:00:00Z"));
        assertThat(dates.next(Instant.parse("2026-06-30T18:00:00Z"))).isNull();
    }

    @Test
    void pastDatesArePreviousDates() {
        assertThat(dates.previous(Instant.parse("2026-03-31T22:00:00Z"))).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(dates.previous(Instant.parse("2020-01-01T00:00:00Z"))).isNull();
        assertThat(dates.next(Instant.parse("2019-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void datesWithoutOffsetAreReadInTheTriggersZoneOrTheDefault() {
        assertThat(dates.zone()).isEqualTo(ZoneId.of("America/New_York"));
        FireCalendar inDefault = calendars.of(trigger("""
            - id: once
              type: io.millrace.core.trigger.ScheduleOnDates
              dates: [2026-03-31T18:00:00]
            """));
        assertThat(inDefault.next(Instant.EPOCH)).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
    }

    @Test
    void conditionsApplyToo() {
        FireCalendar weekdays = calendars.of(trigger("""
            - id: once
              type: io.millrace.core.trigger.ScheduleOnDates
              timezone: UTC
              dates: [2026-03-28T09:00:00Z, 2026-03-30T09:00:00Z]
              conditions:
                - type: io.millrace.core.condition.Not
                  conditions:
                    - type: io.millrace.core.condition.Weekend
            """));
        assertThat(weekdays.next(Instant.EPOCH)).isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
    }
}
