package io.millrace.schedule;

import com.cronutils.model.time.ExecutionTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.millrace.schedule.ScheduleTriggers.cron;
import static io.millrace.schedule.ScheduleTriggers.cronWithSeconds;
import static org.assertj.core.api.Assertions.assertThat;

/** When cron schedules fire, daylight saving time included (see docs/triggers.md). */
class CronCalendarTest {

    private final FireCalendars calendars = new FireCalendars();

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** The {@code count} fires after {@code from}, by next(). */
    private static List<Instant> nexts(FireCalendar c, String from, int count) {
        List<Instant> fires = new ArrayList<>();
        Instant t = at(from);
        for (int i = 0; i < count; i++) {
            t = c.next(t);
            fires.add(t);
        }
        return fires;
    }

    /** The {@code count} fires before {@code from}, by previous(), latest first. */
    private static List<Instant> previouses(FireCalendar c, String from, int count) {
        List<Instant> fires = new ArrayList<>();
        Instant t = at(from);
        for (int i = 0; i < count; i++) {
            t = c.previous(t);
            fires.add(t);
        }
        return fires;
    }

    private static List<Instant> instants(String... instants) {
        return java.util.Arrays.stream(instants).map(Instant::parse).toList();
    }

    @Nested
    class WithoutDaylightSaving {

        @Test
        void nextIsStrictlyAfterAndPreviousStrictlyBefore() {
            FireCalendar c = calendars.of(cron("0 9 * * MON-FRI", null));
            assertThat(c.zone()).isEqualTo(ZoneOffset.UTC);
            assertThat(c.next(at("2025-01-03T09:00:00Z"))).isEqualTo(at("2025-01-06T09:00:00Z"));
            assertThat(c.next(at("2025-01-03T08:59:59.999Z"))).isEqualTo(at("2025-01-03T09:00:00Z"));
            assertThat(c.previous(at("2025-01-06T09:00:00Z"))).isEqualTo(at("2025-01-03T09:00:00Z"));
            assertThat(c.previous(at("2025-01-06T09:00:00.001Z"))).isEqualTo(at("2025-01-06T09:00:00Z"));
        }

        @ParameterizedTest
        @CsvSource({
            "@yearly, 2026-01-01T00:00:00Z", "@annually, 2026-01-01T00:00:00Z", "@monthly, 2025-06-01T00:00:00Z",
            "@weekly, 2025-05-18T00:00:00Z", "@daily, 2025-05-16T00:00:00Z", "@midnight, 2025-05-16T00:00:00Z",
            "@hourly, 2025-05-15T11:00:00Z", "0 0 L * *, 2025-05-31T00:00:00Z", "0 0 LW * *, 2025-05-30T00:00:00Z",
            "0 0 15W * *, 2025-06-16T00:00:00Z", "0 0 ? * 1#2, 2025-06-09T00:00:00Z", "0 0 * * 5L, 2025-05-30T00:00:00Z",
            "0 12 * JAN-MAR SUN, 2026-01-04T12:00:00Z", "0 0 13 * 5, 2025-06-13T00:00:00Z"})
        void readsTheWholeGrammar(String cron, String next) {
            // 2025-05-15 is a Thursday
            assertThat(calendars.of(cron(cron, null)).next(at("2025-05-15T10:30:00Z"))).isEqualTo(at(next));
        }

        @Test
        void macrosWithSecondsFireAtSecondZero() {
            FireCalendar c = calendars.of(cronWithSeconds("@hourly", "UTC"));
            assertThat(c.next(at("2025-05-15T10:30:00Z"))).isEqualTo(at("2025-05-15T11:00:00Z"));
        }

        @Test
        void anExpressionThatNeverMatchesHasNoDates() {
            FireCalendar c = calendars.of(cron("0 0 30 2 *", "Europe/Paris"));
            assertThat(c.next(at("2025-01-01T00:00:00Z"))).isNull();
            assertThat(c.previous(at("2025-01-01T00:00:00Z"))).isNull();
        }

        @Test
        void theDefaultZoneIsAFactoryParameter() {
            FireCalendar c = new FireCalendars(ZoneId.of("Europe/Paris")).of(cron("0 9 * * *", null));
            assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
            assertThat(c.next(at("2025-01-01T00:00:00Z"))).isEqualTo(at("2025-01-01T08:00:00Z"));
        }
    }

    @Nested
    class SpringForward {

        @Test
        void aDailyTimeInTheGapFiresOnceAtTheGapsEnd_Paris() {
            FireCalendar c = calendars.of(cron("30 2 * * *", "Europe/Paris"));
            // 2025-03-30 02:00 CET jumps to 03:00 CEST (01:00Z): 02:30 fires at 03:00 CEST
            assertThat(nexts(c, "2025-03-29T12:00:00Z", 3)).isEqualTo(instants(
                "2025-03-30T01:00:00Z", "2025-03-31T00:30:00Z", "2025-04-01T00:30:00Z"));
            assertThat(previouses(c, "2025-03-31T00:30:00Z", 2)).isEqualTo(instants(
                "2025-03-30T01:00:00Z", "2025-03-29T01:30:00Z"));
        }

        @Test
        void aDailyTimeInTheGapFiresOnceAtTheGapsEnd_NewYork() {
            FireCalendar c = calendars.of(cron("30 2 * * *", "America/New_York"));
            // 2025-03-09 02:00 EST jumps to 03:00 EDT (07:00Z)
            assertThat(nexts(c, "2025-03-08T12:00:00Z", 2)).isEqualTo(instants(
                "2025-03-09T07:00:00Z", "2025-03-10T06:30:00Z"));
            assertThat(previouses(c, "2025-03-10T06:30:00Z", 2)).isEqualTo(instants(
                "2025-03-09T07:00:00Z", "2025-03-08T07:30:00Z"));
        }

        @Test
        void anHourlyScheduleFiresOnceForTheSkippedHourAndTheFirstHourAfter() {
            FireCalendar c = calendars.of(cron("0 * * * *", "America/New_York"));
            // 01:00 EST, then 02:00 (skipped) and 03:00 EDT are the same instant: one fire
            assertThat(nexts(c, "2025-03-09T05:30:00Z", 3)).isEqualTo(instants(
                "2025-03-09T06:00:00Z", "2025-03-09T07:00:00Z", "2025-03-09T08:00:00Z"));
            assertThat(previouses(c, "2025-03-09T08:00:00Z", 2)).isEqualTo(instants(
                "2025-03-09T07:00:00Z", "2025-03-09T06:00:00Z"));
        }

        @Test
        void everyFifteenMinutesCollapsesTheGapIntoOneFire() {
            FireCalendar c = calendars.of(cron("*/15 * * * *", "Europe/Paris"));
            assertThat(nexts(c, "2025-03-30T00:40:00Z", 3)).isEqualTo(instants(
                "2025-03-30T00:45:00Z", "2025-03-30T01:00:00Z", "2025-03-30T01:15:00Z"));
            assertThat(previouses(c, "2025-03-30T01:15:00Z", 2)).isEqualTo(instants(
                "2025-03-30T01:00:00Z", "2025-03-30T00:45:00Z"));
        }

        @Test
        void aTimeHalfWayInTheHourAlsoFiresAtTheGapsEnd() {
            FireCalendar c = calendars.of(cron("30 * * * *", "Europe/Paris"));
            // 01:30 CET, 02:30 (skipped) at 03:00 CEST, 03:30 CEST
            assertThat(nexts(c, "2025-03-30T00:00:00Z", 3)).isEqualTo(instants(
                "2025-03-30T00:30:00Z", "2025-03-30T01:00:00Z", "2025-03-30T01:30:00Z"));
        }

        @Test
        void withSecondsTheGapFireMergesWithTheFireAtTheGapsEnd() {
            FireCalendar c = calendars.of(cronWithSeconds("*/20 * * * * *", "America/New_York"));
            assertThat(nexts(c, "2025-03-09T06:59:30Z", 3)).isEqualTo(instants(
                "2025-03-09T06:59:40Z", "2025-03-09T07:00:00Z", "2025-03-09T07:00:20Z"));
            assertThat(previouses(c, "2025-03-09T07:00:20Z", 2)).isEqualTo(instants(
                "2025-03-09T07:00:00Z", "2025-03-09T06:59:40Z"));
        }

        @Test
        void aMidnightGapMovesAMidnightFireToTheGapsEnd_Santiago() {
            // Chile: 2025-09-07 00:00 -04 jumps to 01:00 -03 (04:00Z)
            FireCalendar c = calendars.of(cron("30 0 * * *", "America/Santiago"));
            assertThat(nexts(c, "2025-09-06T12:00:00Z", 2)).isEqualTo(instants(
                "2025-09-07T04:00:00Z", "2025-09-08T03:30:00Z"));
        }

        @Test
        void southernHemisphere_Sydney() {
            // 2025-10-05 02:00 AEST jumps to 03:00 AEDT (2025-10-04T16:00Z)
            FireCalendar c = calendars.of(cron("30 2 * * *", "Australia/Sydney"));
            assertThat(nexts(c, "2025-10-04T00:00:00Z", 2)).isEqualTo(instants(
                "2025-10-04T16:00:00Z", "2025-10-05T15:30:00Z"));
        }

        @Test
        void cronUtilsAloneSkipsTheDay() {
            // why CronCalendar does not hand zones to cron-utils: its zoned search jumps over 2025-03-30
            ExecutionTime zoned = ExecutionTime.forCron(CronGrammar.parse("30 2 * * *", false));
            ZonedDateTime next = zoned.nextExecution(ZonedDateTime.of(2025, 3, 29, 12, 0, 0, 0, ZoneId.of("Europe/Paris"))).orElseThrow();
            assertThat(next.toLocalDate()).isEqualTo(LocalDate.of(2025, 3, 31));
        }
    }

    @Nested
    class FallBack {

        @Test
        void aDailyTimeInTheRepeatedHourFiresOnceAtItsFirstOccurrence_Paris() {
            FireCalendar c = calendars.of(cron("30 2 * * *", "Europe/Paris"));
            // 2025-10-26 03:00 CEST goes back to 02:00 CET (01:00Z): 02:30 is 00:30Z, then 01:30Z
            assertThat(nexts(c, "2025-10-25T12:00:00Z", 2)).isEqualTo(instants(
                "2025-10-26T00:30:00Z", "2025-10-27T01:30:00Z"));
            assertThat(previouses(c, "2025-10-27T01:30:00Z", 2)).isEqualTo(instants(
                "2025-10-26T00:30:00Z", "2025-10-25T00:30:00Z"));
            assertThat(c.next(at("2025-10-26T01:10:00Z"))).isEqualTo(at("2025-10-27T01:30:00Z"));
        }

        @Test
        void aDailyTimeInTheRepeatedHourFiresOnceAtItsFirstOccurrence_NewYork() {
            FireCalendar c = calendars.of(cron("30 1 * * *", "America/New_York"));
            // 2025-11-02 02:00 EDT goes back to 01:00 EST (06:00Z): 01:30 is 05:30Z, then 06:30Z
            assertThat(nexts(c, "2025-11-01T12:00:00Z", 2)).isEqualTo(instants(
                "2025-11-02T05:30:00Z", "2025-11-03T06:30:00Z"));
            assertThat(c.previous(at("2025-11-03T06:30:00Z"))).isEqualTo(at("2025-11-02T05:30:00Z"));
        }

        @Test
        void anHourlyScheduleFollowsRealTimeThroughTheRepeatedHour() {
            FireCalendar c = calendars.of(cron("0 * * * *", "America/New_York"));
            // 01:00 EDT, 01:00 EST, 02:00 EST
            assertThat(nexts(c, "2025-11-02T04:30:00Z", 3)).isEqualTo(instants(
                "2025-11-02T05:00:00Z", "2025-11-02T06:00:00Z", "2025-11-02T07:00:00Z"));
            assertThat(previouses(c, "2025-11-02T07:00:00Z", 3)).isEqualTo(instants(
                "2025-11-02T06:00:00Z", "2025-11-02T05:00:00Z", "2025-11-02T04:00:00Z"));
        }

        @Test
        void everyFifteenMinutesFollowsRealTimeThroughTheRepeatedHour() {
            FireCalendar c = calendars.of(cron("*/15 * * * *", "Europe/Paris"));
            assertThat(nexts(c, "2025-10-26T00:40:00Z", 6)).isEqualTo(instants(
                "2025-10-26T00:45:00Z", "2025-10-26T01:00:00Z", "2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z",
                "2025-10-26T01:45:00Z", "2025-10-26T02:00:00Z"));
            assertThat(previouses(c, "2025-10-26T01:15:00Z", 3)).isEqualTo(instants(
                "2025-10-26T01:00:00Z", "2025-10-26T00:45:00Z", "2025-10-26T00:30:00Z"));
        }

        @Test
        void minutesWithinOneHourOfTheDayFireOnlyInTheFirstPass() {
            FireCalendar c = calendars.of(cron("*/15 1 * * *", "America/New_York"));
            assertThat(nexts(c, "2025-11-02T05:40:00Z", 2)).isEqualTo(instants(
                "2025-11-02T05:45:00Z", "2025-11-03T06:00:00Z"));
            assertThat(c.previous(at("2025-11-03T06:00:00Z"))).isEqualTo(at("2025-11-02T05:45:00Z"));
            assertThat(c.next(at("2025-11-02T06:10:00Z"))).isEqualTo(at("2025-11-03T06:00:00Z"));
        }

        @Test
        void withSecondsEveryHourFollowsRealTime() {
            FireCalendar c = calendars.of(cronWithSeconds("*/20 * * * * *", "America/New_York"));
            assertThat(nexts(c, "2025-11-02T05:59:30Z", 3)).isEqualTo(instants(
                "2025-11-02T05:59:40Z", "2025-11-02T06:00:00Z", "2025-11-02T06:00:20Z"));
        }

        @Test
        void withSecondsADailyTimeFiresOnce() {
            FireCalendar c = calendars.of(cronWithSeconds("15 30 1 * * *", "America/New_York"));
            assertThat(nexts(c, "2025-11-02T00:00:00Z", 2)).isEqualTo(instants(
                "2025-11-02T05:30:15Z", "2025-11-03T06:30:15Z"));
        }

        @Test
        void southernHemisphere_Sydney() {
            // 2025-04-06 03:00 AEDT goes back to 02:00 AEST (2025-04-05T16:00Z)
            FireCalendar c = calendars.of(cron("30 2 * * *", "Australia/Sydney"));
            assertThat(nexts(c, "2025-04-05T00:00:00Z", 2)).isEqualTo(instants(
                "2025-04-05T15:30:00Z", "2025-04-06T16:30:00Z"));
        }
    }

    @Nested
    class OverAWholeYear {

        @ParameterizedTest
        @CsvSource({"30 2 * * *, Europe/Paris", "30 1 * * *, America/New_York", "30 2 * * *, America/New_York",
            "0 0 * * *, America/Santiago", "30 2 * * *, Australia/Sydney", "0 2 * * *, Europe/Paris",
            "0 3 * * *, Europe/Paris"})
        void aDailyScheduleFiresExactlyOncePerLocalDay(String cron, String zone) {
            FireCalendar c = calendars.of(cron(cron, zone));
            Set<LocalDate> days = new HashSet<>();
            List<Instant> fires = walkForward(c, at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
            fires.forEach(f -> days.add(f.atZone(c.zone()).toLocalDate()));
            assertThat(fires).hasSize(365);
            assertThat(days).hasSize(365);
        }

        @ParameterizedTest
        @CsvSource({"*/15 * * * *, Europe/Paris", "0 * * * *, America/New_York", "30 2 * * *, Europe/Paris",
            "*/15 1 * * *, America/New_York", "0 0 * * *, America/Santiago", "*/10 2 * * *, Australia/Sydney",
            "0 */2 * * *, Europe/Paris", "0 9 L * *, America/New_York"})
        void previousWalksBackExactlyWhatNextWalksForward(String cron, String zone) {
            FireCalendar c = calendars.of(cron(cron, zone));
            Instant from = at("2025-01-01T00:00:00Z");
            Instant to = at("2026-01-01T00:00:00Z");
            List<Instant> forward = walkForward(c, from, to);
            List<Instant> backward = new ArrayList<>();
            for (Instant t = c.previous(to); t != null && t.isAfter(from); t = c.previous(t)) {
                backward.addFirst(t);
            }
            assertThat(backward).isEqualTo(forward);
            assertThat(forward).doesNotHaveDuplicates().isSorted();
        }

        private static List<Instant> walkForward(FireCalendar c, Instant from, Instant to) {
            List<Instant> fires = new ArrayList<>();
            for (Instant t = c.next(from); t != null && t.isBefore(to); t = c.next(t)) {
                fires.add(t);
            }
            return fires;
        }
    }
}
