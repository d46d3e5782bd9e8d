package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;

import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code upper} and {@code lower}, replacing Pebble's: the JDK converts a text whose characters grow
 * with case ({@code ß} to {@code SS}) in time that grows with the square of its length, so a long
 * one would hold the thread past any deadline. Converted here in short pieces, cut where no
 * character depends on its neighbours, with the deadline checked between them.
 */
final class CaseFilters {

    private static final int PIECE = 256;

    private CaseFilters() {
    }

    static Map<String, Filter> filters() {
        return Map.of(
            "upper", TemplateFilter.of("upper", input -> input == null ? null
                : convert(Values.text(input), String::toUpperCase)),
            "lower", TemplateFilter.of("lower", input -> input == null ? null
                : convert(Values.text(input), String::toLowerCase)));
    }

    static String convert(String text, BiFunction<String, Locale, String> change) {
        if (text.length() <= PIECE || text.chars().allMatch(c -> c < 0x80)) {
            return change.apply(text, Locale.ENGLISH);
        }
        RenderBudget budget = RenderBudget.current();
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (from < text.length()) {
            int to = cut(text, from);
            out.append(change.apply(text.substring(from, to), Locale.ENGLISH));
            budget.requireFits(out.length(), "filter", null, null);
            budget.check(null, null);
            from = to;
        }
        return out.toString();
    }

    /** The end of the piece starting at {@code from}: after an ASCII space or punctuation, never inside a pair. */
    private static int cut(String text, int from) {
        int end = Math.min(text.length(), from + PIECE);
        if (end == text.length()) {
            return end;
        }
        for (int i = end; i < Math.min(text.length(), end + 64); i++) {
            char c = text.charAt(i - 1);
            if (c < 0x80 && !Character.isLetter(c)) {
                return i;
            }
        }
        // no separator nearby: a cut between two code points (a rare final sigma may then be read as medial)
        return Character.isHighSurrogate(text.charAt(end - 1)) ? end + 1 : end;
    }
}
