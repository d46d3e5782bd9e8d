package io.millrace.schedule;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long next() and previous() take for common expressions, printed (machines differ too much for a
 * timing assertion): the scheduler computes a next date per trigger at start and at every fire.
 */
class CronCalendarSpeedTest {

    private static final Logger LOG = LoggerFactory.getLogger(CronCalendarSpeedTest.class);

    private static final List<String> COMMON = List.of("* * * * *", "*/15 * * * *", "0 * * * *", "30 9 * * *",
        "0 9 * * MON-FRI", "0 0 L * *", "0 0 LW * *", "0 0 15W * *", "0 0 ? * 1#2", "0 12 * JAN-MAR SUN", "@daily");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int CALLS = 2_000;

    @Test
    void printsTheMedianCostOfACall() {
        for (String cron : COMMON) {
            CronCalendar fast = new CronCalendar(CronRule.parse(cron, false), PARIS);
            CronCalendar reference = new CronCalendar(CronUtilsRule.parse(cron, false), PARIS);
            LOG.info(String.format("%-20s next %6.2f µs (cron-utils %6.2f µs)   previous %6.2f µs (cron-utils %6.2f µs)", cron,
                median(fast::next, 1, CALLS), median(reference::next, 1, 50), median(fast::previous, -1, CALLS),
                median(reference::previous, -1, 50)));
        }
        CronCalendar everySecond = new CronCalendar(CronRule.parse("* * * * * *", true), PARIS);
        LOG.info(String.format("%-20s next %6.2f µs   previous %6.2f µs", "* * * * * * (s)",
            median(everySecond::next, 1, CALLS), median(everySecond::previous, -1, CALLS)));
    }

    /** The median over rounds of the mean µs per call, each round walking {@code calls} dates on from one instant. */
    private static double median(UnaryOperator<Instant> step, int direction, int calls) {
        double[] rounds = new double[11];
        for (int round = 0; round < rounds.length; round++) {
            Instant t = Instant.parse("2025-03-01T00:00:00Z").plusSeconds(round * 7_919L * direction);
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                t = step.apply(t);
            }
            rounds[round] = (System.nanoTime() - start) / 1_000.0 / calls;
            assertThat(t).isNotNull();
        }
        Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }
}
