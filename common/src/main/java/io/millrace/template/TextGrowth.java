package io.millrace.template;

import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How long a text filter's result can get, computed from its input before the filter builds it, for
 * the filters whose result may be longer than their input: case changes (one character can become
 * three), {@code nl2br}, {@code urlencode}, {@code escape}, {@code escapeChar}, {@code slugify},
 * {@code base64encode}. The filters that take a length or a count as argument ({@code format},
 * {@code join}, {@code replace}, {@code indent}…) check it themselves.
 */
final class TextGrowth {

    private static final Map<String, ToLongFunction<String>> BOUNDS = Map.of(
        "upper", TextGrowth::caseChange,
        "lower", TextGrowth::caseChange,
        "capitalize", TextGrowth::caseChange,
        "title", TextGrowth::caseChange,
        "slugify", TextGrowth::caseChange,
        "nl2br", text -> text.length() + 6L * count(text, "\n"),
        "urlencode", text -> text.length() + 8L * countEscaped(text),
        "escapeChar", text -> text.length() + 3L * count(text, "'\"\\"),
        "base64encode", text -> 4L * ((3L * text.length() + 2) / 3) + 4);

    private TextGrowth() {
    }

    /** Fails if filter {@code name} applied to {@code input} could produce a text past the size limit. */
    static void check(String name, Object input, Map<String, Object> args, String what, PebbleTemplate self,
                      int line) {
        ToLongFunction<String> bound = BOUNDS.get(name);
        if (bound != null && input instanceof CharSequence text) {
            RenderBudget.current().requireFits(bound.applyAsLong(text.toString()), what, line, self.getName());
        }
    }

    /** Escaping filters: at most 9 characters ({@code %E2%82%AC}, {@code &#x20AC;}) for each character escaped. */
    static long escaped(String text) {
        return text.length() + 8L * countEscaped(text);
    }

    /** Only characters outside ASCII change length with case (ß becomes SS, ŉ becomes ʼN). */
    private static long caseChange(String text) {
        long nonAscii = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                nonAscii++;
            }
        }
        return text.length() + 2 * nonAscii;
    }

    private static long count(String text, String chars) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                n++;
            }
        }
        return n;
    }

    private static long countEscaped(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c < 0x80 && Character.isLetterOrDigit(c))) {
                n++;
            }
        }
        return n;
    }
}
