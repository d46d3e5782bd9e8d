package io.millrace.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import java.util.List;
import java.util.Map;

/**
 * The cron expressions a Schedule accepts, as Kestra reads them: unix cron (5 fields: minute hour
 * day-of-month month day-of-week), a leading seconds field when {@code withSeconds} is true, names
 * (MON, JAN), L, W, # and ?, and the macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}.
 * When both day-of-month and day-of-week are restricted, a date must match both (cron-utils' reading, which
 * Kestra shares), unlike classic unix cron where either suffices.
 */
public final class CronGrammar {

    /** The macros, each with the 5-field expression it stands for. */
    static final Map<String, String> MACROS = Map.of(
        "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
        "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    /** The macros in the order messages list them. */
    public static final List<String> MACRO_NAMES =
        List.of("@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually");

    private static final CronParser FIVE_FIELDS = new CronParser(definition(false));
    private static final CronParser SIX_FIELDS = new CronParser(definition(true));

    private CronGrammar() {
    }

    /** Why {@code cron} is not a valid expression, or null when it is. */
    public static String problem(String cron, boolean withSeconds) {
        String c = cron.strip();
        if (c.startsWith("@")) {
            return MACROS.containsKey(c) ? null
                : "'" + cron + "' is not a known cron macro; use one of " + String.join(", ", MACRO_NAMES);
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

    /**
     * The expression with macros expanded and, with seconds, the seconds field first: what
     * {@link #parse} reads.
     *
     * @throws IllegalArgumentException when it is not valid (see {@link #problem})
     */
    static String expand(String cron, boolean withSeconds) {
        String problem = problem(cron, withSeconds);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String c = cron.strip();
        String macro = MACROS.get(c);
        if (macro == null) {
            return String.join(" ", c.split("\\s+"));
        }
        return withSeconds ? "0 " + macro : macro;
    }

    /** The parsed expression of {@link #expand}'s output. */
    static Cron parse(String expanded, boolean withSeconds) {
        return (withSeconds ? SIX_FIELDS : FIVE_FIELDS).parse(expanded);
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
