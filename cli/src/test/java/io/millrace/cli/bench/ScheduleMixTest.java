package io.millrace.cli.bench;

import io.millrace.model.FlowRecord;
import io.millrace.schedule.FireCalendar;
import io.millrace.schedule.FireCalendars;
import io.millrace.serde.FlowParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler bench's flows fire what the bench expects, and only that. */
class ScheduleMixTest {

    private static final Instant NOW = Instant.parse("2026-12-07T20:14:33Z");

    @Test
    void aHundredThousandFlowsFireAThousandTimesASecond() {
        ScheduleMix mix = ScheduleMix.of(100_000, 1_000, NOW);

        assertThat(mix.everySecond()).isEqualTo(500);
        assertThat(mix.everyMinute()).isEqualTo(30_000);
        assertThat(mix.quiet()).isEqualTo(69_500);
        assertThat(mix.firesPerSecond()).isEqualTo(1_000);
        assertThat(LongStream.range(0, 60).map(mix::dueAt).sum()).isEqualTo(60_000);
    }

    @Test
    void everyFlowFiresExactlyWhenTheBenchExpectsIt() {
        ScheduleMix mix = ScheduleMix.of(1_000, 10, NOW);
        List<FlowRecord> flows = mix.flows();
        assertThat(flows).hasSize(1_000);
        FireCalendars calendars = new FireCalendars(ZoneOffset.UTC);
        FlowParser parser = new FlowParser();
        Instant end = NOW.plus(Duration.ofMinutes(29));
        int[] dueEachSecond = new int[60];
        for (FlowRecord flow : flows) {
            FireCalendar calendar = calendars.of(parser.parse(flow.source()).triggers().getFirst());
            for (Instant date = calendar.next(NOW.minusMillis(1)); date.isBefore(NOW.plusSeconds(60));
                 date = calendar.next(date)) {
                assertThat(mix.due(flow.id(), date.getEpochSecond())).as(flow.id() + " at " + date).isTrue();
                dueEachSecond[(int) (date.getEpochSecond() % 60)]++;
            }
            if (flow.id().startsWith("quiet-")) {
                assertThat(calendar.next(NOW)).as(flow.id()).isAfter(end);
            }
        }
        for (int second = 0; second < 60; second++) {
            assertThat(dueEachSecond[second]).as("second " + second).isEqualTo(mix.dueAt(second));
        }
    }
}
