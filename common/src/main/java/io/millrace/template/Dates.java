package io.millrace.template;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the shapes a date takes in flows (ISO text with or without offset, SQL-like text, date-only
 * text, epoch seconds or milliseconds, Java dates) and knows the named formats of Kestra's date filter.
 * A date without a zone is taken in the zone given, UTC by default.
 */
final class Dates {

    /** Kestra's default output: ISO-8601 with microseconds and offset. */
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", Locale.ROOT);

    static final Map<String, DateTimeFormatter> NAMED = Map.ofEntries(
        Map.entry("iso", ISO),
        Map.entry("iso_sec", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT)),
        Map.entry("iso_milli", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)),
        Map.entry("sql", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)),
        Map.entry("sql_sec", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)),
        Map.entry("sql_milli", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)),
        Map.entry("iso_date_time", DateTimeFormatter.ISO_DATE_TIME),
        Map.entry("iso_date", DateTimeFormatter.ISO_DATE),
        Map.entry("iso_time", DateTimeFormatter.ISO_TIME),
        Map.entry("iso_instant", DateTimeFormatter.ISO_INSTANT),
        Map.entry("iso_local_date", DateTimeFormatter.ISO_LOCAL_DATE),
        Map.entry("iso_local_time", DateTimeFormatter.ISO_LOCAL_TIME),
        Map.entry("iso_local_date_time", DateTimeFormatter.ISO_LOCAL_DATE_TIME),
        Map.entry("iso_offset_date", DateTimeFormatter.ISO_OFFSET_DATE),
        Map.entry("iso_offset_time", DateTimeFormatter.ISO_OFFSET_TIME),
        Map.entry("iso_offset_date_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        Map.entry("iso_zoned_date_time", DateTimeFormatter.ISO_ZONED_DATE_TIME),
        Map.entry("iso_ordinal_date", DateTimeFormatter.ISO_ORDINAL_DATE),
        Map.entry("iso_week_date", DateTimeFormatter.ISO_WEEK_DATE),
        Map.entry("basic_iso_date", DateTimeFormatter.BASIC_ISO_DATE),
        Map.entry("rfc_1123_date_time", DateTimeFormatter.RFC_1123_DATE_TIME));

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Epoch values at least this large are milliseconds (as seconds they would be past the year 5000). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private Dates() {
    }

    /** A named format or a Java pattern ({@code yyyy-MM-dd}…). */
    static DateTimeFormatter formatter(String format, Locale locale) {
        DateTimeFormatter named = NAMED.get(format);
        if (named != null) {
            return named;
        }
        try {
            return DateTimeFormatter.ofPattern(format, locale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date format '" + format + "': " + e.getMessage(), e);
        }
    }

    /** The zone named by {@code timeZone} ({@code Europe/Paris}, {@code UTC}, {@code +02:00}). */
    static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "'", e);
        }
    }

    /** Whether the value is a date without time of day, which date arithmetic should keep so. */
    static boolean isDateOnly(Object value) {
        return value instanceof LocalDate || value instanceof String s && DATE_ONLY.matcher(s.strip()).matches();
    }

    /**
     * The date a value stands for. {@code existingFormat} (a pattern or a named format), when given,
     * is how text is read; otherwise ISO-8601, SQL-like and epoch forms are recognised.
     */
    static ZonedDateTime parse(Object value, String existingFormat, ZoneId zone, Locale locale) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("no date given (null)");
            case ZonedDateTime z -> z;
            case OffsetDateTime o -> o.toZonedDateTime();
            case Instant i -> i.atZone(zone);
            case LocalDateTime l -> l.atZone(zone);
            case LocalDate d -> d.atStartOfDay(zone);
            case Date d -> d.toInstant().atZone(zone);
            case Number n -> epoch(new BigDecimal(Values.number(n))).atZone(zone);
            case String s when existingFormat != null -> parseWith(s.strip(), formatter(existingFormat, locale), zone);
            case String s -> parseText(s.strip(), zone);
            default -> throw new IllegalArgumentException(Values.aKind(value) + " is not a date");
        };
    }

    private static Instant epoch(BigDecimal value) {
        BigDecimal seconds = value.abs().compareTo(BigDecimal.valueOf(MILLIS_THRESHOLD)) >= 0
            ? value.movePointLeft(3) : value;
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static ZonedDateTime parseText(String text, ZoneId zone) {
        if (NUMBER.matcher(text).matches()) {
            return epoch(new BigDecimal(text)).atZone(zone);
        }
        if (DATE_ONLY.matcher(text).matches()) {
            return LocalDate.parse(text).atStartOfDay(zone);
        }
        // "2024-01-31 10:00:00" (SQL) reads as ISO once the space is a T
        String iso = text.length() > 10 && text.charAt(10) == ' '
            ? text.substring(0, 10) + 'T' + text.substring(11)
            : text;
        try {
            return parseWith(iso, DateTimeFormatter.ISO_DATE_TIME, zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + TemplateErrors.abbreviate(text) + "' is not a date"
                + " (expected ISO-8601 like 2024-01-31T10:00:00Z, a date like 2024-01-31, or epoch seconds)", e);
        }
    }

    private static ZonedDateTime parseWith(String text, DateTimeFormatter format, ZoneId zone) {
        TemporalAccessor t;
        try {
            t = format.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + TemplateErrors.abbreviate(text)
                + "' does not match the date format: " + e.getMessage(), e);
        }
        ZoneId parsedZone = t.query(TemporalQueries.zone());
        ZoneId effective = parsedZone != null ? parsedZone : zone;
        if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(t).atZone(effective);
        }
        LocalDate date = t.query(TemporalQueries.localDate());
        if (date == null) {
            throw new IllegalArgumentException("'" + TemplateErrors.abbreviate(text) + "' has no date in it");
        }
        var time = t.query(TemporalQueries.localTime());
        return time == null ? date.atStartOfDay(effective) : LocalDateTime.of(date, time).atZone(effective);
    }

    /** The zone a result is shown in: the one asked for, else the date's own. */
    static ZonedDateTime inZone(ZonedDateTime date, String timeZone) {
        return timeZone == null ? date : date.withZoneSameInstant(zone(timeZone));
    }

    static ZoneId zoneOr(String timeZone) {
        return timeZone == null ? ZoneOffset.UTC : zone(timeZone);
    }
}
