package io.millrace.template;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code text | replace({'old': 'new', …})}, Pebble's filter, plus Kestra's {@code regexp=true}
 * where keys are regular expressions and values may use {@code $1} groups. The result's length is
 * known before it is built (plain text) or checked at each replacement (regular expressions, which
 * run under the render's deadline).
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
                text = regexp ? replaceAll(text, target, replacement, call) : replace(text, target, replacement, call);
            }
            return text;
        });
    }

    private static String replace(String text, String target, String replacement, Call call) {
        if (replacement.length() > target.length()) {
            // an empty target matches between every two characters, as String.replace does
            long matches = target.isEmpty() ? text.length() + 1L : occurrences(text, target);
            long length = text.length() + matches * (replacement.length() - target.length());
            fits(length, call);
        }
        return text.replace(target, replacement);
    }

    private static long occurrences(String text, String target) {
        long n = 0;
        for (int i = text.indexOf(target); i >= 0; i = text.indexOf(target, i + target.length())) {
            n++;
        }
        return n;
    }

    private static String replaceAll(String text, String regex, String replacement, Call call) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw call.fail("invalid regular expression '" + regex + "': " + e.getDescription());
        }
        Matcher m = pattern.matcher(new DeadlineText(text));
        StringBuilder out = new StringBuilder();
        int copied = 0;
        // each $n or ${name} in the replacement adds at most the text of one match
        long references = replacement.chars().filter(c -> c == '$').count();
        try {
            while (m.find()) {
                fits(out.length() + (m.start() - copied) + replacement.length()
                    + references * (m.end() - m.start()), call);
                m.appendReplacement(out, replacement);
                fits(out.length(), call);
                copied = m.end();
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw call.fail("invalid replacement '" + replacement + "' (use \\$ for a literal $): " + e.getMessage());
        }
        fits((long) out.length() + text.length() - copied, call);
        m.appendTail(out);
        return out.toString();
    }

    private static void fits(long length, Call call) {
        RenderBudget.current().requireFits(length, call.name(), call.line(), call.template().getName());
    }
}
