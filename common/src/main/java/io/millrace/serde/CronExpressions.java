package io.millrace.serde;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import java.util.List;

/**
 * Checks Schedule cron expressions as the scheduler reads them: unix cron (5 fields: minute hour
 * day-of-month month day-of-week), a leading seconds field when {@code withSeconds} is true, and
 * the macros {@code @hourly @daily @weekly @monthly @yearly}. Names (MON, JAN), L, W, # and ? are accepted.
 */
final class CronExpressions {

    static final List<String> MACROS = List.of("@hourly", "@daily", "@weekly", "@monthly", "@yearly");
    private static final CronParser FIVE_FIELDS = new CronParser(definition(false));
    private static final CronParser SIX_FIELDS = new CronParser(definition(true));

    private CronExpressions() {
    }

    /** Why {@code cron} is not a valid expression, or null when it is. */
    static String problem(String cron, boolean withSeconds) {
        String c = cron.strip();
        if (c.startsWith("@")) {
            return MACROS.contains(c) ? null
                : "'" + cron + "' is not a known cron macro; use one of " + String.join(", ", MACROS);
        }
        int fields = c.isEmpty() ? 0 : c.split("\\s+").length;
        int expected = withSeconds ? 6 : 5;
        if (fields != expected) {
            return "'" + cron + "' is not a valid cron expression: it has " + fields + " field" + (fields == 1 ? "" : "s")
                + ", expected " + expected + " (" + (withSeconds ? "second " : "")
                + "minute hour day-of-month month day-of-week)"
                + (fields == 6 && !withSeconds ? "; set withSeconds: true for a seconds field" : "");
        }
        try {
            (withSeconds ? SIX_FIELDS : FIVE_FIELDS).parse(c).validate();
            return null;
        } catch (RuntimeException e) {
            return "'" + cron + "' is not a valid cron expression: " + reason(e.getMessage());
        }
    }

    private static String reason(String message) {
        if (message == null) {
            return "it cannot be parsed";
        }
        String m = message.replace("Failed to parse cron expression. ", "").strip();
        return m.isEmpty() ? "it cannot be parsed" : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static CronDefinition definition(boolean withSeconds) {
        var builder = CronDefinitionBuilder.defineCron();
        if (withSeconds) {
            builder = builder.withSeconds().withValidRange(0, 59).withStrictRange().and();
        }
        return builder
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).supportsL().supportsW().supportsLW().supportsQuestionMark()
            .withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0)
            .supportsHash().supportsL().supportsQuestionMark().withStrictRange().and()
            .instance();
    }
}
