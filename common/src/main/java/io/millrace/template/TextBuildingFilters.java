package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Pebble's {@code format}, {@code join} and {@code split}, rewritten so that the length of what they
 * build is known before it is built ({@code '%2000000000s' | format('x')} is refused, not attempted),
 * values print as {@code {{ }}} prints them (a map as JSON, never {@code {k=v}} or a Java object's
 * {@code Name@hash}), and {@code split}'s regular expression runs under the render's deadline.
 */
final class TextBuildingFilters {

    /** One specifier of {@link java.util.Formatter}: index, flags, width, precision, conversion. */
    private static final Pattern SPECIFIER =
        Pattern.compile("%(\\d+\\$|<)?([-#+ 0,(]*)(\\d+)?(\\.\\d+)?([tT])?([a-zA-Z%])");

    /** Room for a number's sign, grouping, exponent and the like beyond its digits. */
    private static final int NUMBER_EXTRA = 32;

    private TextBuildingFilters() {
    }

    static Map<String, Filter> filters() {
        return Map.of(
            "format", new TemplateFilter("format", null, TextBuildingFilters::format),
            "join", new TemplateFilter("join", List.of("separator"), TextBuildingFilters::join),
            "split", new TemplateFilter("split", List.of("delimiter", "limit"), TextBuildingFilters::split));
    }

    /** {@code '%s has %d items' | format(name, count)}: Java's format, its arguments given in order. */
    private static Object format(Object input, Call call) {
        if (input == null) {
            return null;
        }
        String format = Values.text(input);
        List<Object> args = new ArrayList<>();
        for (int i = 0; call.args().containsKey(String.valueOf(i)); i++) {
            args.add(formatArgument(call.arg(String.valueOf(i))));
        }
        RenderBudget.current().requireFits(formattedLength(format, args, call), call.name(), call.line(),
            call.template().getName());
        try {
            return String.format(Locale.ENGLISH, format, args.toArray());
        } catch (IllegalFormatException e) {
            throw call.fail("invalid format '" + TemplateErrors.abbreviate(format) + "': " + e.getMessage());
        }
    }

    /** Numbers, booleans and dates stay as they are, for %d, %b and %t; anything else is its printed text. */
    private static Object formatArgument(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Character
            || value instanceof TemporalAccessor || value instanceof Date) {
            return value;
        }
        return Values.text(value);
    }

    /** An upper bound of the formatted text's length; fails on a width or precision past the size limit. */
    private static long formattedLength(String format, List<Object> args, Call call) {
        long max = RenderBudget.current().maxChars();
        long length = format.length();
        int next = 0;
        int previous = -1;
        Matcher m = SPECIFIER.matcher(format);
        while (m.find()) {
            long width = count(m.group(3), "width", max, call);
            long precision = m.group(4) == null ? -1 : count(m.group(4).substring(1), "precision", max, call);
            char conversion = m.group(6).charAt(0);
            if (conversion == '%' || conversion == 'n') {
                length += Math.max(width, 2);
                continue;
            }
            int index;
            if ("<".equals(m.group(1))) {
                index = previous;
            } else if (m.group(1) != null) {
                index = (int) Math.min(Integer.MAX_VALUE, count(m.group(1).replace("$", ""), "index", max, call)) - 1;
            } else {
                index = next++;
            }
            previous = index;
            Object arg = index >= 0 && index < args.size() ? args.get(index) : null;
            length += Math.max(width, argumentLength(arg, conversion, m.group(5) != null, precision));
        }
        return length;
    }

    private static long argumentLength(Object arg, char conversion, boolean dateTime, long precision) {
        if (dateTime) {
            return 64;
        }
        return switch (arg) {
            case null -> 4;
            case String s -> precision >= 0 ? Math.min(precision, s.length()) : s.length();
            case Number n -> digits(n) + Math.max(precision, 6) + NUMBER_EXTRA;
            default -> Math.max(precision, 0) + NUMBER_EXTRA;
        };
    }

    /** Digits of a number's integral part, grouping separators included. */
    private static long digits(Number n) {
        try {
            BigDecimal d = new BigDecimal(n.toString());
            long integral = Math.max(1, (long) d.precision() - d.scale());
            return integral + integral / 3;
        } catch (NumberFormatException e) {
            // NaN, Infinity
            return 16;
        }
    }

    private static long count(String digits, String what, long max, Call call) {
        if (digits == null) {
            return 0;
        }
        // more digits than a long holds is past any limit as well
        long value = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (value > max) {
            throw call.fail("a " + what + " of " + TemplateErrors.abbreviate(digits)
                + " would make a text longer than the limit of " + max + " characters");
        }
        return value;
    }

    /** {@code [1, 2] | join(', ')}: the items as they print, the length summed before the text is made. */
    private static Object join(Object input, Call call) {
        if (input == null) {
            return null;
        }
        Collection<?> items = switch (input) {
            case Collection<?> c -> c;
            case Object[] array -> Arrays.asList(array);
            default -> throw call.fail("expects a list, not " + Values.aKind(input));
        };
        String separator = call.string("separator", "");
        RenderBudget budget = RenderBudget.current();
        List<String> texts = new ArrayList<>(items.size());
        long length = 0;
        for (Object item : items) {
            String text = String.valueOf(Values.text(item));
            length += text.length() + (texts.isEmpty() ? 0 : separator.length());
            budget.requireFits(length, call.name(), call.line(), call.template().getName());
            if (texts.size() % 4096 == 0) {
                budget.check(call.line(), call.template().getName());
            }
            texts.add(text);
        }
        return String.join(separator, texts);
    }

    /** {@code 'a,b' | split(',')}: Pebble's split (the delimiter is a regular expression), bounded in items. */
    private static Object split(Object input, Call call) {
        if (input == null) {
            return null;
        }
        String delimiter = call.string("delimiter");
        int limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, call.integer("limit", 0)));
        Pattern pattern;
        try {
            pattern = Pattern.compile(delimiter);
        } catch (PatternSyntaxException e) {
            throw call.fail("invalid regular expression '" + delimiter + "': " + e.getDescription());
        }
        DeadlineText text = new DeadlineText(Values.text(input));
        long pieces = 1;
        for (Matcher m = pattern.matcher(text); m.find() && (limit <= 0 || pieces < limit); pieces++) {
            if (pieces > BudgetedCalls.MAX_ITEMS) {
                throw call.fail("the result has more than " + BudgetedCalls.MAX_ITEMS + " items");
            }
        }
        return new ArrayList<>(Arrays.asList(pattern.split(text, limit)));
    }
}
