package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Date filters: {@code date} (formatting), {@code dateAdd}, and epoch timestamps at four precisions. */
final class DateFilters {

    private static final List<String> PARSING = List.of("timeZone", "existingFormat");

    private DateFilters() {
    }

    static Map<String, Filter> filters() {
        Map<String, Filter> filters = new HashMap<>();
        filters.put("date", new TemplateFilter("date", List.of("format", "timeZone", "existingFormat", "locale"),
            DateFilters::format));
        filters.put("dateAdd", new TemplateFilter("dateAdd", List.of("amount", "unit", "timeZone", "existingFormat"),
            DateFilters::add));
        filters.put("timestamp", timestamp("timestamp", Instant::getEpochSecond));
        filters.put("timestampMilli", timestamp("timestampMilli", Instant::toEpochMilli));
        filters.put("timestampMicro", timestamp("timestampMicro",
            i -> Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000)));
        filters.put("timestampNano", timestamp("timestampNano",
            i -> Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano())));
        return filters;
    }

    private static Object format(Object input, Call call) {
        if (input == null) {
            return null;
        }
        Locale locale = call.has("locale") ? Locale.forLanguageTag(call.string("locale")) : call.context().getLocale();
        ZonedDateTime date = parse(input, call, locale);
        DateTimeFormatter format = Dates.formatter(call.string("format", "iso"), locale);
        return format.format(Dates.inZone(date, call.string("timeZone", null)));
    }

    private static Object add(Object input, Call call) {
        if (input == null) {
            return null;
        }
        long amount = call.integer("amount");
        ChronoUnit unit = unit(call.string("unit"), call);
        ZonedDateTime result = parse(input, call, call.context().getLocale()).plus(amount, unit);
        // a date stays a date (2024-01-31 + 1 MONTHS is 2024-02-29), anything else becomes a full ISO date-time
        return Dates.isDateOnly(input) && unit.isDateBased()
            ? DateTimeFormatter.ISO_LOCAL_DATE.format(result)
            : Dates.ISO.format(Dates.inZone(result, call.string("timeZone", null)));
    }

    private static ChronoUnit unit(String name, Call call) {
        try {
            return ChronoUnit.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw call.fail("unknown unit '" + name + "' (use SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS, YEARS…)");
        }
    }

    private static TemplateFilter timestamp(String name, ToLongFunction<Instant> precision) {
        return new TemplateFilter(name, PARSING, (input, call) -> input == null
            ? null
            : precision.applyAsLong(parse(input, call, call.context().getLocale()).toInstant()));
    }

    private static ZonedDateTime parse(Object input, Call call, Locale locale) {
        ZoneId zone = Dates.zoneOr(call.string("timeZone", null));
        return Dates.parse(input, call.string("existingFormat", null), zone, locale);
    }
}
