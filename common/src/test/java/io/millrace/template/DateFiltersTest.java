package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DateFiltersTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void nowIsIsoTextInUtcWithMicroseconds() {
        assertThat(t.render("{{ now() }}")).isEqualTo("2024-03-15T10:30:45.123456Z");
        assertThat(t.render("{{ now(timeZone='Europe/Paris') }}")).isEqualTo("2024-03-15T11:30:45.123456+01:00");
    }

    @Test
    void formatsWithJavaPatterns() {
        assertThat(t.render("{{ execution.startDate | date('yyyy-MM-dd') }}")).isEqualTo("2024-03-15");
        assertThat(t.render("{{ execution.startDate | date(\"EEEE d MMMM yyyy 'at' HH:mm\") }}"))
            .isEqualTo("Friday 15 March 2024 at 10:00");
    }

    @Test
    void formatsWithKestrasNamedFormats() {
        assertThat(t.render("{{ execution.startDate | date }}")).isEqualTo("2024-03-15T10:00:00.000000Z");
        assertThat(t.render("{{ execution.startDate | date('iso') }}")).isEqualTo("2024-03-15T10:00:00.000000Z");
        assertThat(t.render("{{ execution.startDate | date('iso_sec') }}")).isEqualTo("2024-03-15T10:00:00Z");
        assertThat(t.render("{{ execution.startDate | date('iso_milli') }}")).isEqualTo("2024-03-15T10:00:00.000Z");
        assertThat(t.render("{{ execution.startDate | date('sql') }}")).isEqualTo("2024-03-15 10:00:00.000000");
        assertThat(t.render("{{ execution.startDate | date('sql_sec') }}")).isEqualTo("2024-03-15 10:00:00");
        assertThat(t.render("{{ execution.startDate | date('iso_local_date') }}")).isEqualTo("2024-03-15");
        assertThat(t.render("{{ execution.startDate | date('iso_instant') }}")).isEqualTo("2024-03-15T10:00:00Z");
    }

    @Test
    void formatsWhicheverDateTheCoalescingOperatorChose() {
        assertThat(t.render("{{ trigger.date ?? execution.startDate | date('yyyy-MM-dd') }}")).isEqualTo("2024-03-15");
    }

    @Test
    void convertsToTheTimeZoneAsked() {
        assertThat(t.render("{{ execution.startDate | date('yyyy-MM-dd HH:mm XXX', timeZone='Europe/Paris') }}"))
            .isEqualTo("2024-03-15 11:00 +01:00");
        assertThat(t.render("{{ '2024-03-15T10:00:00+05:00' | date('HH:mm XXX') }}")).isEqualTo("10:00 +05:00");
    }

    @Test
    void readsTextWithAnExistingFormat() {
        assertThat(t.render("{{ 'July 24, 2001' | date('yyyy-MM-dd', existingFormat='MMMM dd, yyyy') }}"))
            .isEqualTo("2001-07-24");
        assertThat(t.render("{{ '24/07/2001 13:05' | date(format='iso_sec', existingFormat='dd/MM/yyyy HH:mm') }}"))
            .isEqualTo("2001-07-24T13:05:00Z");
    }

    @Test
    void readsEpochSecondsAndMilliseconds() {
        assertThat(t.render("{{ 1710496800 | date('iso_sec') }} {{ 1710496800000 | date('iso_sec') }}"))
            .isEqualTo("2024-03-15T10:00:00Z 2024-03-15T10:00:00Z");
        assertThat(t.render("{{ '1710496800' | date('iso_sec') }} {{ 1710496800.5 | date('iso_milli') }}"))
            .isEqualTo("2024-03-15T10:00:00Z 2024-03-15T10:00:00.500Z");
    }

    @Test
    void readsDateOnlySqlAndLocalText() {
        assertThat(t.render("{{ '2024-03-15' | date('iso_sec') }}")).isEqualTo("2024-03-15T00:00:00Z");
        assertThat(t.render("{{ '2024-03-15 10:00:00' | date('iso_sec') }}")).isEqualTo("2024-03-15T10:00:00Z");
        assertThat(t.render("{{ '2024-03-15T10:00:00' | date('iso_sec', timeZone='Europe/Paris') }}"))
            .isEqualTo("2024-03-15T10:00:00+01:00");
    }

    @Test
    void readsJavaDates() {
        Map<String, Object> vars = TemplateFixture.with("d", Map.of(
            "instant", Instant.parse("2024-03-15T10:00:00Z"),
            "zoned", Instant.parse("2024-03-15T10:00:00Z").atZone(ZoneId.of("Asia/Tokyo")),
            "day", LocalDate.of(2024, 3, 15)));

        assertThat(t.render("{{ d.instant | date('iso_sec') }} {{ d.zoned | date('iso_sec') }}"
            + " {{ d.day | date('iso_sec') }}", vars))
            .isEqualTo("2024-03-15T10:00:00Z 2024-03-15T19:00:00+09:00 2024-03-15T00:00:00Z");
    }

    @Test
    void nullStaysNull() {
        assertThat(t.render("[{{ null | date('yyyy') }}][{{ null | timestamp }}][{{ null | dateAdd(1, 'DAYS') }}]"))
            .isEqualTo("[][][]");
    }

    @Test
    void textThatIsNotADateIsAnErrorSayingWhatIsExpected() {
        assertThat(t.error("{{ 'soon' | date('yyyy') }}"))
            .startsWith("filter 'date': 'soon' is not a date (expected ISO-8601")
            .endsWith("in '{{ 'soon' | date('yyyy') }}' at line 1");
        assertThat(t.error("{{ now() | date('yyyy', timeZone='Mars/Olympus') }}"))
            .contains("unknown time zone 'Mars/Olympus'");
        assertThat(t.error("{{ now() | date('{oops') }}")).contains("invalid date format '{oops'");
    }

    @Test
    void dateAddMovesADate() {
        assertThat(t.render("{{ now() | dateAdd(-1, 'DAYS') }}")).isEqualTo("2024-03-14T10:30:45.123456Z");
        assertThat(t.render("{{ execution.startDate | dateAdd(90, 'minutes') | date('HH:mm') }}")).isEqualTo("11:30");
    }

    @Test
    void dateAddKeepsADateADate() {
        assertThat(t.render("{{ '2024-01-31' | dateAdd(1, 'MONTHS') }}")).isEqualTo("2024-02-29");
        assertThat(t.render("{{ '2024-01-31' | dateAdd(2, 'HOURS') }}")).isEqualTo("2024-01-31T02:00:00.000000Z");
    }

    @Test
    void dateAddRejectsAnUnknownUnit() {
        assertThat(t.error("{{ now() | dateAdd(1, 'FORTNIGHTS') }}"))
            .startsWith("filter 'dateAdd': unknown unit 'FORTNIGHTS'");
    }

    @Test
    void timestampsAtFourPrecisions() {
        Map<String, Object> vars = TemplateFixture.with("d", "2024-03-15T10:00:00.123456789Z");

        assertThat(t.render("{{ d | timestamp }} {{ d | timestampMilli }} {{ d | timestampMicro }}"
            + " {{ d | timestampNano }}", vars))
            .isEqualTo("1710496800 1710496800123 1710496800123456 1710496800123456789");
        assertThat(t.render("{{ now() | timestamp }}")).isEqualTo("1710498645");
        assertThat(t.render("{{ 'July 24, 2001' | timestamp(existingFormat='MMMM dd, yyyy') }}"))
            .isEqualTo("995932800");
    }
}
