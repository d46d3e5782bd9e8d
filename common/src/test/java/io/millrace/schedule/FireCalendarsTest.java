package io.millrace.schedule;

import io.millrace.model.trigger.Trigger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.millrace.schedule.ScheduleTriggers.cron;
import static io.millrace.schedule.ScheduleTriggers.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The factory: shares parsed crons, is safe to share between threads, refuses what is not a schedule. */
class FireCalendarsTest {

    private static final Logger LOG = LoggerFactory.getLogger(FireCalendarsTest.class);

    private static final List<Trigger> TRIGGERS = List.of(
        cron("*/15 * * * *", "Europe/Paris"), cron("0 9 * * MON-FRI", "America/New_York"), cron("@daily", null),
        cron("30 2 * * *", "Europe/Paris"), cron("0 * * * *", "Australia/Sydney"));

    @Test
    void calendarsForAHundredThousandTriggersShareAFewParsedCrons() {
        FireCalendars calendars = new FireCalendars();
        List<FireCalendar> built = new ArrayList<>(100_000);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            built.add(calendars.of(TRIGGERS.get(i % TRIGGERS.size())));
        }
        long createdMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Instant now = Instant.parse("2025-10-26T00:10:00Z");
        for (FireCalendar c : built) {
            c.next(now);
        }
        long nextMs = (System.nanoTime() - start) / 1_000_000;
        LOG.info(String.format("100,000 calendars created in %d ms; next() on each in %d ms", createdMs, nextMs));
        assertThat(calendars.cachedRules()).isEqualTo(TRIGGERS.size());
    }

    @Test
    void sharedCalendarsGiveTheSameAnswersFromManyThreads() throws Exception {
        FireCalendars calendars = new FireCalendars();
        List<FireCalendar> shared = TRIGGERS.stream().map(calendars::of).toList();
        List<List<Instant>> expected = shared.stream().map(FireCalendarsTest::walk).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<List<List<Instant>>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> shared.stream().map(FireCalendarsTest::walk).toList()));
            }
            for (Future<List<List<Instant>>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        }
    }

    private static List<Instant> walk(FireCalendar c) {
        List<Instant> fires = new ArrayList<>();
        Instant t = Instant.parse("2025-10-25T20:00:00Z");
        for (int i = 0; i < 50; i++) {
            t = c.next(t);
            fires.add(t);
        }
        return fires;
    }

    @Test
    void otherTriggersHaveNoCalendar() {
        Trigger webhook = trigger("""
            - id: hook
              type: io.millrace.core.trigger.Webhook
              key: 4wjtkzwVGBM9yKnjm3yv8r
            """);
        assertThat(FireCalendars.isScheduled(webhook)).isFalse();
        assertThat(FireCalendars.isScheduled(TRIGGERS.getFirst())).isTrue();
        assertThatThrownBy(() -> new FireCalendars().of(webhook)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("hook");
    }
}
