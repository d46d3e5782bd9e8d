package io.millrace.triggers;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowTest {

    @Test
    void aDayWindowRunsFromMidnightUtc() {
        Window w = Window.of(Duration.ofDays(1), Duration.ZERO, Instant.parse("2024-06-01T23:59:59Z"));

        assertThat(w).isEqualTo(new Window(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-02T00:00:00Z")));
        assertThat(w.contains(Instant.parse("2024-06-02T00:00:00Z"))).isFalse();
    }

    @Test
    void windowAdvanceShiftsTheStartOfEachDay() {
        Duration day = Duration.ofDays(1);
        Duration sixHours = Duration.ofHours(6);

        assertThat(Window.of(day, sixHours, Instant.parse("2024-06-02T05:00:00Z")))
            .isEqualTo(new Window(Instant.parse("2024-06-01T06:00:00Z"), Instant.parse("2024-06-02T06:00:00Z")));
        assertThat(Window.of(day, sixHours, Instant.parse("2024-06-02T06:00:00Z")))
            .isEqualTo(new Window(Instant.parse("2024-06-02T06:00:00Z"), Instant.parse("2024-06-03T06:00:00Z")));
    }

    @Test
    void shorterWindowsTileTheDayAndTheLastOneIsCutAtMidnight() {
        Duration sevenHours = Duration.ofHours(7);

        assertThat(Window.of(sevenHours, Duration.ZERO, Instant.parse("2024-06-01T15:00:00Z")))
            .isEqualTo(new Window(Instant.parse("2024-06-01T14:00:00Z"), Instant.parse("2024-06-01T21:00:00Z")));
        assertThat(Window.of(sevenHours, Duration.ZERO, Instant.parse("2024-06-01T23:00:00Z")))
            .isEqualTo(new Window(Instant.parse("2024-06-01T21:00:00Z"), Instant.parse("2024-06-02T00:00:00Z")));
        assertThat(Window.of(sevenHours, Duration.ZERO, Instant.parse("2024-06-02T01:00:00Z")).start())
            .isEqualTo(Instant.parse("2024-06-02T00:00:00Z"));
    }

    @Test
    void longerWindowsFollowEachOtherFromTheEpoch() {
        Window w = Window.of(Duration.ofDays(2), Duration.ZERO, Instant.parse("1970-01-04T12:00:00Z"));

        assertThat(w).isEqualTo(new Window(Instant.parse("1970-01-03T00:00:00Z"), Instant.parse("1970-01-05T00:00:00Z")));
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> Window.of(Duration.ZERO, Duration.ZERO, Instant.EPOCH))
            .hasMessageContaining("must be positive");
    }
}
