package io.millrace.schedule;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CronFields} against the cron-utils matcher it replaced ({@link CronUtilsRule}): for generated and
 * hand-picked expressions, in zones with and without daylight saving, next() and previous() from random
 * instants (many around clock changes) give the same dates.
 */
class CronFieldsDifferentialTest {

    private static final Logger LOG = LoggerFactory.getLogger(CronFieldsDifferentialTest.class);

    private static final List<String> TRICKY = List.of(
        "* * * * *", "*/15 * * * *", "0 * * * *", "0 0 * * *", "30 2 * * *", "30 1 * * *", "0 9 * * MON-FRI",
        "0 0 L * *", "0 0 LW * *", "0 0 15W * *", "0 0 1W * *", "0 0 31W * *", "0 0 30W * *", "0 0 L-3 * *",
        "0 0 L-30 * *", "0 0 ? * 1#2", "0 0 * * 5L", "0 0 * * 0L", "0 0 * * 7L", "0 0 * * L", "0 0 * * 1#5",
        "0 0 * * 7#1", "0 12 * JAN-MAR SUN", "0 0 13 * 5", "0 0 13 * FRI", "0 0 1 * L", "0 0 LW * 1", "0 0 15W * 1",
        "0 0 1,L * *", "0 0 L,15 * *", "0 0 1,15W * *", "0 0 * * 1,5L", "0 0 * * 1#2,1#4", "0 0 * * 5#3,L",
        "0 0 * * 1L,2L", "0 0 */10 * *", "0 0 5/10 * *", "0 0 * 2/3 *", "0 0 * * 6-7", "0 0 * * 1-7",
        "0 0 * * 0-7", "0 0 * * 7-7", "0 0 * * */2", "0 0 * * */3", "0 0 * * 2/3", "0 0 * * MON/2",
        "0 0 * * 1-5/2", "0 0 * * 1,3-5", "0 0 * * 0,6", "*/7 */5 * * *", "0 5-10/3 * * *", "0 0 30 2 *",
        "0 0 29 2 *", "0 0 29 2 1", "0 0 31 * *", "0 0 ? * ?", "59 23 31 12 *", "0 0 1 1 *", "0 0 * * 0",
        "@yearly", "@monthly", "@weekly", "@daily", "@hourly", "0 0 1-L * *", "0 0 20-L * *", "0 2-3 * * *",
        "*/20 1-2 * * *", "0 0-23 * * *", "0 */1 * * *", "0 0-11,12-23 * * *", "0 0/1 * * *", "0 2 * 3,10 0");
    private static final List<String> TRICKY_WITH_SECONDS = List.of(
        "* * * * * *", "*/20 * * * * *", "15 30 1 * * *", "0 0 * * * *", "59 59 23 L * ?", "0/7 * 2 * * *",
        "30 */5 * * * MON", "1,2,58 0 0 * * *", "@hourly", "@daily");
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Paris"),
        ZoneId.of("America/New_York"), ZoneId.of("Australia/Sydney"), ZoneId.of("America/Santiago"));
    private static final Instant FROM = Instant.parse("2019-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2031-01-01T00:00:00Z");

    private final Random random = new Random(20251115L);

    @Test
    void givesWhatCronUtilsGives() {
        List<Probe> probes = new ArrayList<>();
        TRICKY.forEach(c -> probes.add(new Probe(c, false)));
        TRICKY_WITH_SECONDS.forEach(c -> probes.add(new Probe(c, true)));
        Set<String> generated = new LinkedHashSet<>();
        while (generated.size() < 300) {
            boolean withSeconds = generated.size() % 4 == 0;
            String cron = CronExpressionsGenerator.cron(random, withSeconds);
            if (CronGrammar.problem(cron, withSeconds) == null && generated.add(cron + withSeconds)) {
                probes.add(new Probe(cron, withSeconds));
            }
        }
        int compared = 0;
        List<String> skipped = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (Probe p : probes) {
            CronRule fast = CronRule.parse(p.cron, p.withSeconds);
            CronRule reference = CronUtilsRule.parse(p.cron, p.withSeconds);
            // cron-utils looks back 8,000 years for an expression that never matches: compare those once, in UTC
            boolean never = fast.nextAfter(LocalDateTime.of(2019, 1, 1, 0, 0)) == null;
            for (ZoneId zone : never ? List.of(ZoneOffset.UTC) : ZONES) {
                CronCalendar fastCalendar = new CronCalendar(fast, zone);
                CronCalendar referenceCalendar = new CronCalendar(reference, zone);
                for (Instant start : starts(zone, never ? 1 : 4)) {
                    try {
                        compared += compare(p, zone, start, fastCalendar, referenceCalendar, differences);
                    } catch (RuntimeException e) {
                        // cron-utils fails on a few valid expressions (31W in a 30-day month, L closing a range)
                        skipped.add(p + " in " + zone + " from " + start + ": " + e);
                        break;
                    }
                }
            }
        }
        LOG.info(String.format("compared %d next/previous answers over %d expressions and %d zones; cron-utils failed "
            + "on %d (expression, zone) pairs", compared, probes.size(), ZONES.size(), skipped.size()));
        skipped.stream().limit(20).forEach(s -> LOG.info("  cron-utils failed: " + s));
        assertThat(differences).isEmpty();
    }

    /** Compares a short walk forward and backward from {@code start}; the number of answers compared. */
    private static int compare(Probe p, ZoneId zone, Instant start, FireCalendar fast, FireCalendar reference,
                               List<String> differences) {
        int compared = 0;
        Instant f = start;
        Instant r = start;
        for (int step = 0; step < 3 && f != null && Objects.equals(f, r); step++) {
            f = fast.next(f);
            r = reference.next(r);
            compared++;
            if (!Objects.equals(f, r)) {
                differences.add(p + " in " + zone + ": next(" + start + ") step " + step + " gives " + f + ", cron-utils " + r);
            }
        }
        f = start;
        r = start;
        for (int step = 0; step < 3 && f != null && Objects.equals(f, r); step++) {
            f = fast.previous(f);
            r = reference.previous(r);
            compared++;
            if (!Objects.equals(f, r)) {
                differences.add(p + " in " + zone + ": previous(" + start + ") step " + step + " gives " + f + ", cron-utils " + r);
            }
        }
        return compared;
    }

    /** Random instants: half anywhere in 2019-2030, half within a day of one of the zone's clock changes. */
    private List<Instant> starts(ZoneId zone, int count) {
        List<Instant> starts = new ArrayList<>();
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        for (ZoneOffsetTransition t = zone.getRules().nextTransition(FROM); t != null && t.getInstant().isBefore(TO);
             t = zone.getRules().nextTransition(t.getInstant())) {
            transitions.add(t);
        }
        for (int i = 0; i < count; i++) {
            long nanos = random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : 0;
            if (i % 2 == 0 || transitions.isEmpty()) {
                long seconds = FROM.getEpochSecond() + (long) (random.nextDouble() * Duration.between(FROM, TO).toSeconds());
                starts.add(Instant.ofEpochSecond(seconds, nanos));
            } else {
                Instant change = transitions.get(random.nextInt(transitions.size())).getInstant();
                long offset = random.nextInt(2) == 0 ? random.nextInt(86_400 * 2) - 86_400 : random.nextInt(7_200) - 3_600;
                starts.add(change.plusSeconds(offset).plusNanos(nanos));
            }
        }
        return starts;
    }

    private record Probe(String cron, boolean withSeconds) {
        @Override
        public String toString() {
            return "'" + cron + "'" + (withSeconds ? " (with seconds)" : "");
        }
    }

    /** Random cron expressions from the grammar of {@code docs/triggers.md}; some are invalid and filtered out. */
    static final class CronExpressionsGenerator {

        private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
        private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

        static String cron(Random r, boolean withSeconds) {
            StringJoiner fields = new StringJoiner(" ");
            if (withSeconds) {
                fields.add(r.nextInt(3) == 0 ? time(r, 59) : String.valueOf(r.nextInt(60)));
            }
            fields.add(r.nextInt(3) == 0 ? time(r, 59) : String.valueOf(r.nextInt(60)));
            fields.add(r.nextInt(2) == 0 ? time(r, 23) : String.valueOf(r.nextInt(24)));
            boolean restrictDays = r.nextInt(2) == 0;
            String dayOfWeek = r.nextInt(3) == 0 ? dayOfWeek(r) : (r.nextBoolean() ? "*" : "?");
            fields.add(restrictDays || dayOfWeek.equals("?") ? dayOfMonth(r) : (r.nextBoolean() ? "*" : "?"));
            fields.add(r.nextInt(3) == 0 ? month(r) : "*");
            fields.add(dayOfWeek);
            return fields.toString();
        }

        private static String time(Random r, int max) {
            return list(r, () -> switch (r.nextInt(6)) {
                case 0 -> "*";
                case 1 -> "*/" + (1 + r.nextInt(max / 2));
                case 2 -> range(r, 0, max);
                case 3 -> r.nextInt(max + 1) + "/" + (1 + r.nextInt(max / 2));
                case 4 -> range(r, 0, max) + "/" + (1 + r.nextInt(max / 3));
                default -> String.valueOf(r.nextInt(max + 1));
            });
        }

        private static String dayOfMonth(Random r) {
            return switch (r.nextInt(12)) {
                case 0 -> "L";
                case 1 -> "LW";
                case 2 -> "L-" + (1 + r.nextInt(30));
                case 3 -> (1 + r.nextInt(31)) + "W";
                case 4 -> (1 + r.nextInt(31)) + "," + (r.nextBoolean() ? "L" : (1 + r.nextInt(31)) + "W");
                case 5 -> "*/" + (1 + r.nextInt(15));
                case 6 -> (1 + r.nextInt(31)) + "/" + (1 + r.nextInt(15));
                case 7 -> range(r, 1, 31) + (r.nextBoolean() ? "" : "/" + (1 + r.nextInt(10)));
                default -> list(r, () -> String.valueOf(1 + r.nextInt(31)));
            };
        }

        private static String month(Random r) {
            return list(r, () -> switch (r.nextInt(5)) {
                case 0 -> MONTHS[r.nextInt(12)];
                case 1 -> range(r, 1, 12);
                case 2 -> (1 + r.nextInt(12)) + "/" + (1 + r.nextInt(5));
                case 3 -> "*/" + (1 + r.nextInt(6));
                default -> String.valueOf(1 + r.nextInt(12));
            });
        }

        private static String dayOfWeek(Random r) {
            return list(r, () -> switch (r.nextInt(9)) {
                case 0 -> DAYS[r.nextInt(7)];
                case 1 -> DAYS[1 + r.nextInt(3)] + "-" + DAYS[4 + r.nextInt(3)];
                case 2 -> range(r, 0, 7);
                case 3 -> r.nextInt(8) + "L";
                case 4 -> r.nextInt(8) + "#" + (1 + r.nextInt(5));
                case 5 -> "*/" + (1 + r.nextInt(7));
                case 6 -> r.nextInt(8) + "/" + (1 + r.nextInt(7));
                case 7 -> "L";
                default -> String.valueOf(r.nextInt(8));
            });
        }

        private static String range(Random r, int min, int max) {
            int a = min + r.nextInt(max - min + 1);
            int b = a + r.nextInt(max - a + 1);
            return a + "-" + b;
        }

        private static String list(Random r, java.util.function.Supplier<String> item) {
            int n = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
            StringJoiner items = new StringJoiner(",");
            for (int i = 0; i < n; i++) {
                items.add(item.get());
            }
            return items.toString();
        }
    }
}
