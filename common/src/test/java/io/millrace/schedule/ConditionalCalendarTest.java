package io.millrace.schedule;

import io.millrace.model.condition.Condition;
import io.millrace.model.trigger.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static io.millrace.schedule.ScheduleTriggers.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schedule conditions, alone and on a calendar: a date where they fail is skipped. */
class ConditionalCalendarTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConditionalCalendarTest.class);

    private final FireCalendars calendars = new FireCalendars();

    private static Trigger schedule(String cron, String zone, String conditions) {
        return trigger("- id: s\n  type: io.millrace.core.trigger.Schedule\n  cron: \"" + cron + "\"\n  timezone: " + zone
            + "\n  conditions:\n" + conditions.strip().indent(4));
    }

    private static Condition condition(String yaml) {
        return schedule("0 * * * *", "UTC", yaml).conditions().getFirst();
    }

    private static boolean holds(String conditionYaml, String date) {
        return ScheduleConditions.holds(condition(conditionYaml), ZonedDateTime.parse(date));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{type: io.millrace.core.condition.DayWeek, dayOfWeek: MONDAY}                                  | 2025-06-02T10:00:00Z | true",
        "{type: io.millrace.core.condition.DayWeek, dayOfWeek: MONDAY}                                  | 2025-06-03T10:00:00Z | false",
        "{type: io.kestra.core.models.conditions.types.DayWeekCondition, dayOfWeek: MONDAY}             | 2025-06-02T10:00:00Z | true",
        // a Monday in Tokyo is still Sunday in UTC: the day is read in the date's zone
        "{type: io.millrace.core.condition.DayWeek, dayOfWeek: MONDAY}                                  | 2025-06-02T01:00:00+09:00[Asia/Tokyo] | true",
        "{type: io.millrace.core.condition.DayWeekInMonth, dayOfWeek: MONDAY, dayInMonth: FIRST}        | 2025-06-02T10:00:00Z | true",
        "{type: io.millrace.core.condition.DayWeekInMonth, dayOfWeek: MONDAY, dayInMonth: SECOND}       | 2025-06-09T10:00:00Z | true",
        "{type: io.millrace.core.condition.DayWeekInMonth, dayOfWeek: MONDAY, dayInMonth: THIRD}        | 2025-06-16T10:00:00Z | true",
        "{type: io.millrace.core.condition.DayWeekInMonth, dayOfWeek: MONDAY, dayInMonth: FOURTH}       | 2025-06-23T10:00:00Z | true",
        "{type: io.millrace.core.condition.DayWeekInMonth, dayOfWeek: MONDAY, dayInMonth: LAST}         | 2025-06-30T10:00:00Z | true",
        "{type: io.millrace.core.condition.DayWeekInMonth, dayOfWeek: MONDAY, dayInMonth: LAST}         | 2025-06-23T10:00:00Z | false",
        "{type: io.millrace.core.condition.DayWeekInMonth, dayOfWeek: MONDAY, dayInMonth: FIRST}        | 2025-06-09T10:00:00Z | false",
        "{type: io.millrace.core.condition.DayWeekInMonth, dayOfWeek: TUESDAY, dayInMonth: FIRST}       | 2025-06-02T10:00:00Z | false",
        "{type: io.millrace.core.condition.Weekend}                                                     | 2025-06-07T10:00:00Z | true",
        "{type: io.millrace.core.condition.Weekend}                                                     | 2025-06-08T10:00:00Z | true",
        "{type: io.millrace.core.condition.Weekend}                                                     | 2025-06-09T10:00:00Z | false",
        "{type: io.millrace.core.condition.Weekend, date: '{{ trigger.date }}'}                         | 2025-06-09T10:00:00Z | false",
        "{type: io.millrace.core.condition.Weekend, date: '2025-06-07T10:00:00Z'}                       | 2025-06-09T10:00:00Z | true",
        "{type: io.millrace.core.condition.TimeBetween, after: '08:00:00', before: '18:00:00'}          | 2025-06-09T10:00:00Z | true",
        "{type: io.millrace.core.condition.TimeBetween, after: '08:00:00', before: '18:00:00'}          | 2025-06-09T08:00:00Z | false",
        "{type: io.millrace.core.condition.TimeBetween, after: '08:00:00', before: '18:00:00'}          | 2025-06-09T18:00:00Z | false",
        "{type: io.millrace.core.condition.TimeBetween, after: '08:00:00'}                              | 2025-06-09T23:00:00Z | true",
        "{type: io.millrace.core.condition.TimeBetween, before: '08:00:00'}                             | 2025-06-09T07:59:59Z | true",
        // local times read in the trigger's zone; with an offset, at that offset
        "{type: io.millrace.core.condition.TimeBetween, after: '08:00:00', before: '18:00:00'}          | 2025-06-09T07:30:00+02:00[Europe/Paris] | false",
        "{type: io.millrace.core.condition.TimeBetween, after: '08:00:00+02:00', before: '18:00:00+02:00'} | 2025-06-09T07:30:00Z | true",
        // after later than before: the window spans midnight
        "{type: io.millrace.core.condition.TimeBetween, after: '22:00:00', before: '06:00:00'}          | 2025-06-09T23:00:00Z | true",
        "{type: io.millrace.core.condition.TimeBetween, after: '22:00:00', before: '06:00:00'}          | 2025-06-09T05:00:00Z | true",
        "{type: io.millrace.core.condition.TimeBetween, after: '22:00:00', before: '06:00:00'}          | 2025-06-09T12:00:00Z | false",
        "{type: io.millrace.core.condition.DateTimeBetween, after: '2025-06-01T00:00:00Z', before: '2025-06-30T00:00:00Z'} | 2025-06-01T00:00:00Z | true",
        "{type: io.millrace.core.condition.DateTimeBetween, after: '2025-06-01T00:00:00Z', before: '2025-06-30T00:00:00Z'} | 2025-06-30T00:00:00Z | true",
        "{type: io.millrace.core.condition.DateTimeBetween, after: '2025-06-01T00:00:00Z', before: '2025-06-30T00:00:00Z'} | 2025-06-30T00:00:01Z | false",
        "{type: io.millrace.core.condition.DateTimeBetween, after: '2025-06-01T00:00:00'}              | 2025-05-31T23:30:00-02:00[America/Noronha] | false",
        "{type: io.millrace.core.condition.Not, conditions: [{type: io.millrace.core.condition.Weekend}]} | 2025-06-07T10:00:00Z | false",
        "{type: io.millrace.core.condition.Not, conditions: [{type: io.millrace.core.condition.Weekend}]} | 2025-06-09T10:00:00Z | true",
        "{type: io.millrace.core.condition.Or, conditions: [{type: io.millrace.core.condition.Weekend}, {type: io.millrace.core.condition.DayWeek, dayOfWeek: MONDAY}]} | 2025-06-09T10:00:00Z | true",
        "{type: io.millrace.core.condition.Or, conditions: [{type: io.millrace.core.condition.Weekend}, {type: io.millrace.core.condition.DayWeek, dayOfWeek: MONDAY}]} | 2025-06-10T10:00:00Z | false",
    })
    void eachConditionHoldsWhereItShould(String conditionYaml, String date, boolean expected) {
        assertThat(holds("- " + conditionYaml, date)).isEqualTo(expected);
    }

    @Test
    void aConditionASchedulesCannotUseIsRefused() {
        Condition status = trigger("""
            - id: f
              type: io.millrace.core.trigger.Flow
              conditions:
                - type: io.millrace.core.condition.ExecutionStatus
                  in: [SUCCESS]
            """).conditions().getFirst();
        assertThatThrownBy(() -> ScheduleConditions.holds(status, ZonedDateTime.parse("2025-06-02T10:00:00Z")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDateWhereAConditionFailsIsSkipped() {
        FireCalendar c = calendars.of(schedule("0 11 * * *", "Europe/Paris", """
            - type: io.kestra.plugin.core.condition.DayWeekInMonth
              dayOfWeek: MONDAY
              dayInMonth: FIRST
            """));
        assertThat(c.next(Instant.parse("2025-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2025-01-06T10:00:00Z"));
        assertThat(c.next(Instant.parse("2025-01-06T10:00:00Z"))).isEqualTo(Instant.parse("2025-02-03T10:00:00Z"));
        assertThat(c.previous(Instant.parse("2025-02-03T10:00:00Z"))).isEqualTo(Instant.parse("2025-01-06T10:00:00Z"));
    }

    @Test
    void conditionsSeeTheScheduledDateInTheTriggersZone() {
        // 00:30 in Tokyo on a Monday is 15:30 on Sunday in UTC
        FireCalendar c = calendars.of(schedule("30 0 * * *", "Asia/Tokyo", """
            - type: io.millrace.core.condition.DayWeek
              dayOfWeek: MONDAY
            """));
        assertThat(c.next(Instant.parse("2025-06-01T00:00:00Z"))).isEqualTo(Instant.parse("2025-06-01T15:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"0 11 * * *", "* * * * *"})
    void anImpossibleCombinationEndsWithNull(String cron) {
        FireCalendar c = calendars.of(schedule(cron, "UTC", """
            - type: io.millrace.core.condition.Weekend
            - type: io.millrace.core.condition.DayWeek
              dayOfWeek: MONDAY
            """));
        long start = System.nanoTime();
        assertThat(c.next(Instant.parse("2025-01-01T00:00:00Z"))).isNull();
        assertThat(c.previous(Instant.parse("2025-01-01T00:00:00Z"))).isNull();
        LOG.info(String.format("impossible conditions with '%s': both searches gave up in %d ms", cron,
            (System.nanoTime() - start) / 1_000_000));
    }

    @Test
    void anImpossibleCombinationOfTimesEndsWithNull() {
        FireCalendar c = calendars.of(schedule("0 * * * *", "UTC", """
            - type: io.millrace.core.condition.TimeBetween
              after: "10:00:00"
              before: "11:00:00"
            - type: io.millrace.core.condition.Not
              conditions:
                - type: io.millrace.core.condition.TimeBetween
                  after: "09:00:00"
                  before: "12:00:00"
            """));
        assertThat(c.next(Instant.parse("2025-01-01T00:00:00Z"))).isNull();
    }

    @Test
    void aWindowInTheFutureIsReachedWithoutTestingEverySecond() {
        FireCalendar c = calendars.of(trigger("""
            - id: s
              type: io.millrace.core.trigger.Schedule
              cron: "* * * * * *"
              withSeconds: true
              conditions:
                - type: io.millrace.core.condition.DateTimeBetween
                  after: 2027-03-01T00:00:00Z
                  before: 2027-03-02T00:00:00Z
            """));
        assertThat(c.next(Instant.parse("2025-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertThat(c.next(Instant.parse("2027-03-02T00:00:00Z"))).isNull();
        assertThat(c.previous(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2027-03-02T00:00:00Z"));
        assertThat(c.previous(Instant.parse("2027-03-01T00:00:00Z"))).isNull();
    }

    @Test
    void aDayConditionSkipsWholeDaysAcrossAMidnightGap() {
        // Chile jumps from 00:00 to 01:00 on Sunday 2025-09-07: the Sunday 00:30 fire is at 01:00 -03
        FireCalendar c = calendars.of(schedule("30 0 * * *", "America/Santiago", """
            - type: io.millrace.core.condition.DayWeek
              dayOfWeek: SUNDAY
            """));
        assertThat(c.next(Instant.parse("2025-09-01T12:00:00Z"))).isEqualTo(Instant.parse("2025-09-07T04:00:00Z"));
        assertThat(c.previous(Instant.parse("2025-09-10T00:00:00Z"))).isEqualTo(Instant.parse("2025-09-07T04:00:00Z"));
        assertThat(c.zone()).isEqualTo(ZoneId.of("America/Santiago"));
    }
}
