package io.millrace.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** The fire dates of a ScheduleOnDates trigger: its dates, sorted, a date written twice firing once. */
final class DatesCalendar implements FireCalendar {

    private final Instant[] dates;
    private final ZoneId zone;

    /** {@code dates} in any order, with duplicates; truncated to the second, as cron dates are. */
    DatesCalendar(Instant[] dates, ZoneId zone) {
        this.dates = Arrays.stream(dates).map(d -> d.truncatedTo(ChronoUnit.SECONDS))
            .sorted().distinct().toArray(Instant[]::new);
        this.zone = zone;
    }

    @Override
    public Instant next(Instant after) {
        int i = Arrays.binarySearch(dates, after);
        int first = i >= 0 ? i + 1 : -i - 1;
        return first < dates.length ? dates[first] : null;
    }

    @Override
    public Instant previous(Instant before) {
        int i = Arrays.binarySearch(dates, before);
        int last = i >= 0 ? i - 1 : -i - 2;
        return last >= 0 ? dates[last] : null;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return dates.length + " date(s) in " + zone;
    }
}
