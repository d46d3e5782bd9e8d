package io.millrace.template;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code text | replace({'old': 'new', …})}, Pebble's filter, plus Kestra's {@code regexp=true}
 * where keys are regular expressions and values may use {@code $1} groups.
 */
final class ReplaceFilter {

    private ReplaceFilter() {
    }

    static TemplateFilter filter() {
        return new TemplateFilter("replace", List.of("replace_pairs", "regexp"), (input, call) -> {
            if (input == null) {
                return null;
            }
            if (!(call.arg("replace_pairs") instanceof Map<?, ?> pairs)) {
                throw call.fail("expects a map of replacements, like replace({'old': 'new'})");
            }
            boolean regexp = call.bool("regexp", false);
            String text = Values.text(input);
            for (Map.Entry<?, ?> pair : pairs.entrySet()) {
                String target = Values.text(pair.getKey());
                String replacement = pair.getValue() == null ? "" : Values.text(pair.getValue());
                text = regexp ? replaceAll(text, target, replacement, call) : text.replace(target, replacement);
            }
            return text;
        });
    }

    private static String replaceAll(String text, String regex, String replacement, Call call) {
        try {
            return Pattern.compile(regex).matcher(text).replaceAll(replacement);
        } catch (PatternSyntaxException e) {
            throw call.fail("invalid regular expression '" + regex + "': " + e.getDescription());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw call.fail("invalid replacement '" + replacement + "' (use \\$ for a literal $): " + e.getMessage());
        }
    }
}
