package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Text filters: the {@code substringBefore}/{@code After}(/{@code Last}) family (Apache Commons
 * semantics: a missing separator keeps the whole text before, nothing after), {@code startsWith},
 * {@code endsWith}, {@code slugify} and {@code escapeChar}.
 */
final class StringFilters {

    private StringFilters() {
    }

    static Map<String, Filter> filters() {
        Map<String, Filter> filters = new HashMap<>();
        filters.put("substringBefore", withSeparator("substringBefore", (s, sep) -> {
            int i = s.indexOf(sep);
            return i < 0 ? s : s.substring(0, i);
        }));
        filters.put("substringAfter", withSeparator("substringAfter", (s, sep) -> {
            int i = s.indexOf(sep);
            return i < 0 ? "" : s.substring(i + sep.length());
        }));
        filters.put("substringBeforeLast", withSeparator("substringBeforeLast", (s, sep) -> {
            int i = s.lastIndexOf(sep);
            return i < 0 || sep.isEmpty() ? s : s.substring(0, i);
        }));
        filters.put("substringAfterLast", withSeparator("substringAfterLast", (s, sep) -> {
            int i = s.lastIndexOf(sep);
            return i < 0 || sep.isEmpty() ? "" : s.substring(i + sep.length());
        }));
        filters.put("startsWith", new TemplateFilter("startsWith", List.of("prefix"),
            (input, call) -> input != null && Values.text(input).startsWith(call.string("prefix"))));
        filters.put("endsWith", new TemplateFilter("endsWith", List.of("suffix"),
            (input, call) -> input != null && Values.text(input).endsWith(call.string("suffix"))));
        filters.put("slugify", TemplateFilter.of("slugify",
            input -> input == null ? null : slugify(Values.text(input))));
        filters.put("escapeChar", new TemplateFilter("escapeChar", List.of("type"), StringFilters::escape));
        return filters;
    }

    private static TemplateFilter withSeparator(String name, BinaryOperator<String> cut) {
        return new TemplateFilter(name, List.of("separator"),
            (input, call) -> input == null ? null : cut.apply(Values.text(input), call.string("separator")));
    }

    /** "Hello, Wörld!" is "hello-world": lower case, accents dropped, other runs of symbols one dash. */
    static String slugify(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String dashed = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return dashed.replaceAll("^-+|-+$", "");
    }

    /**
     * Escapes text for a quoted context: {@code single} (backslash before {@code '} and {@code \}),
     * {@code double} (before {@code "} and {@code \}) or {@code shell} (a single-quoted shell word:
     * each {@code '} becomes {@code '\''}).
     */
    private static Object escape(Object input, Call call) {
        if (input == null) {
            return null;
        }
        String text = Values.text(input);
        return switch (call.string("type").strip().toLowerCase(Locale.ROOT)) {
            case "single" -> text.replace("\\", "\\\\").replace("'", "\\'");
            case "double" -> text.replace("\\", "\\\\").replace("\"", "\\\"");
            case "shell" -> text.replace("'", "'\\''");
            default -> throw call.fail("unknown type '" + call.string("type") + "' (use single, double or shell)");
        };
    }
}
