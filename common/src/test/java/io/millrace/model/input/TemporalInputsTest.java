package io.millrace.model.input;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.millrace.model.input.TestInputs.convert;
import static io.millrace.model.input.TestInputs.problems;
import static org.assertj.core.api.Assertions.assertThat;

class TemporalInputsTest {

    @Nested
    class DateTimes {

        @ParameterizedTest
        @CsvSource({
            "2024-01-01T10:00:00Z, 2024-01-01T10:00:00Z",
            "2024-01-01T10:00Z, 2024-01-01T10:00:00Z",
            "2024-01-01T12:00:00+02:00, 2024-01-01T10:00:00Z",
            "2024-01-01T05:00:00-05:00, 2024-01-01T10:00:00Z",
            "2024-01-01T11:00:00+01:00[Europe/Paris], 2024-01-01T10:00:00Z",
            "2024-01-01T10:00:00.250Z, 2024-01-01T10:00:00.250Z",
        })
        void normalisesToAnUtcInstant(String given, String expected) {
            assertThat(convert("{id: when, type: DATETIME}", given)).isEqualTo(expected);
        }

        @Test
        void acceptsJavaTimeValues() {
            assertThat(convert("{id: when, type: DATETIME}", Instant.parse("2024-01-01T10:00:00Z")))
                .isEqualTo("2024-01-01T10:00:00Z");
            assertThat(convert("{id: when, type: DATETIME}", OffsetDateTime.of(2024, 1, 1, 11, 0, 0, 0, ZoneOffset.ofHours(1))))
                .isEqualTo("2024-01-01T10:00:00Z");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2024-01-01T10:00:00", "2024-01-01", "yesterday", "2024-13-01T10:00:00Z"})
        void refusesValuesWithoutAnOffsetOrInvalid(String given) {
            problems("{id: when, type: DATETIME}", given).containsExactly("input 'when': '" + given
                + "' is not a date-time (expected ISO-8601 with an offset, e.g. 2024-01-01T10:00:00Z)");
        }

        @Test
        void mustBeStrictlyBetweenAfterAndBefore() {
            String declaration = "{id: when, type: DATETIME, after: '2024-01-01T00:00:00Z', before: '2025-01-01T01:00:00+01:00'}";
            assertThat(convert(declaration, "2024-06-01T00:00:00Z")).isEqualTo("2024-06-01T00:00:00Z");
            problems(declaration, "2024-01-01T00:00:00Z")
                .containsExactly("input 'when': '2024-01-01T00:00:00Z' is not after 2024-01-01T00:00:00Z");
            problems(declaration, "2025-01-01T00:00:00Z")
                .containsExactly("input 'when': '2025-01-01T00:00:00Z' is not before 2025-01-01T00:00:00Z");
        }
    }

    @Nested
    class Dates {

        @Test
        void acceptsIsoDates() {
            assertThat(convert("{id: day, type: DATE}", "2024-02-29")).isEqualTo("2024-02-29");
            assertThat(convert("{id: day, type: DATE}", LocalDate.of(2024, 3, 1))).isEqualTo("2024-03-01");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2024-13-01", "2023-02-29", "01/02/2024", "2024-1-1"})
        void refusesOthers(String given) {
            problems("{id: when, type: DATE}", given)
                .containsExactly("input 'when': '" + given + "' is not a date (expected yyyy-MM-dd)");
        }

        @Test
        void mustBeStrictlyBetweenAfterAndBefore() {
            String declaration = "{id: day, type: DATE, after: '2024-01-01', before: '2024-12-31'}";
            assertThat(convert(declaration, "2024-01-02")).isEqualTo("2024-01-02");
            problems(declaration, "2024-01-01").containsExactly("input 'day': '2024-01-01' is not after 2024-01-01");
            problems(declaration, "2025-01-01").containsExactly("input 'day': '2025-01-01' is not before 2024-12-31");
        }
    }

    @Nested
    class Times {

        @ParameterizedTest
        @CsvSource({"10:15, 10:15", "10:15:30, 10:15:30", "10:15:00, 10:15", "' 08:05 ', 08:05"})
        void normalisesToHoursMinutesAndSeconds(String given, String expected) {
            assertThat(convert("{id: at, type: TIME}", given)).isEqualTo(expected);
        }

        @Test
        void acceptsALocalTime() {
            assertThat(convert("{id: at, type: TIME}", LocalTime.of(23, 59, 1))).isEqualTo("23:59:01");
        }

        @ParameterizedTest
        @ValueSource(strings = {"25:00", "10h15", "10:15Z", "7"})
        void refusesOthers(String given) {
            problems("{id: at, type: TIME}", given)
                .containsExactly("input 'at': '" + given + "' is not a time (expected HH:mm or HH:mm:ss)");
        }

        @Test
        void mustBeStrictlyBetweenAfterAndBefore() {
            String declaration = "{id: at, type: TIME, after: '08:00', before: '18:00:00'}";
            assertThat(convert(declaration, "12:00")).isEqualTo("12:00");
            problems(declaration, "07:59").containsExactly("input 'at': '07:59' is not after 08:00");
            problems(declaration, "18:00").containsExactly("input 'at': '18:00' is not before 18:00");
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest
        @CsvSource({"PT5M, PT5M", "pt90s, PT1M30S", "P1D, PT24H", "PT0.5S, PT0.5S"})
        void normalisesToIso8601(String given, String expected) {
            assertThat(convert("{id: timeout, type: DURATION}", given)).isEqualTo(expected);
        }

        @Test
        void acceptsADuration() {
            assertThat(convert("{id: timeout, type: DURATION}", Duration.ofHours(2))).isEqualTo("PT2H");
        }

        @ParameterizedTest
        @ValueSource(strings = {"5 minutes", "5m", "P1M", "PT"})
        void refusesOthers(String given) {
            problems("{id: timeout, type: DURATION}", given)
                .containsExactly("input 'timeout': '" + given + "' is not a duration (expected ISO-8601, e.g. PT5M)");
        }

        @Test
        void refusesANumber() {
            problems("{id: timeout, type: DURATION}", 300)
                .containsExactly("input 'timeout': '300' is not a duration (expected ISO-8601, e.g. PT5M)");
        }

        @Test
        void checksInclusiveMinAndMax() {
            String declaration = "{id: timeout, type: DURATION, min: PT1M, max: PT1H}";
            assertThat(convert(declaration, "PT1M")).isEqualTo("PT1M");
            assertThat(convert(declaration, "PT60M")).isEqualTo("PT1H");
            problems(declaration, "PT30S").containsExactly("input 'timeout': 'PT30S' is shorter than the minimum PT1M");
            problems(declaration, "PT61M").containsExactly("input 'timeout': 'PT1H1M' is longer than the maximum PT1H");
        }
    }
}
