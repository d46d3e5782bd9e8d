package io.millrace.template;

import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Pebble's exceptions into messages for flow authors: what went wrong, the expression it went
 * wrong in and its line. Pebble's own messages name the whole template as a file and Java classes;
 * these name neither.
 */
final class TemplateErrors {

    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
    private static final Pattern UNEXPECTED_TAG = Pattern.compile("Unexpected tag name \"(\\w+)\"");
    private static final Pattern WRITTEN = Pattern.compile("^Tried to write more than (\\d+)");
    private static final int MAX_EXCERPT = 160;

    private TemplateErrors() {
    }

    /** The exception {@code render} and {@code check} throw for a Pebble failure in {@code template}. */
    static TemplateException toException(String template, PebbleException e) {
        return new TemplateException(describe(template, e), e);
    }

    /** The user-facing description of a Pebble failure in {@code template}. */
    static String describe(String template, PebbleException failure) {
        PebbleException e = innermost(failure);
        String what = what(e);
        if (e instanceof RenderSession.NestedRenderFailure) {
            return what;
        }
        String where = where(template, e);
        return where.isEmpty() ? what : what + ", " + where;
    }

    /** The most precise of nested failures: an if tag wraps "'x' is not defined" into "wrong operand(s) type". */
    private static PebbleException innermost(PebbleException e) {
        PebbleException inner = e;
        while (inner.getCause() instanceof PebbleException cause && cause != inner) {
            inner = cause;
        }
        return inner;
    }

    private static String what(PebbleException e) {
        String message = e.getPebbleMessage() == null ? e.getClass().getSimpleName() : e.getPebbleMessage();
        if (e instanceof RootAttributeNotFoundException r) {
            if (message.startsWith("Attempt to get attribute of null")) {
                return "cannot read '" + r.getAttributeName() + "' of a null value";
            }
            return "variable '" + r.getAttributeName() + "' is not defined";
        }
        if (e instanceof AttributeNotFoundException a) {
            return "'" + a.getAttributeName() + "' is not defined";
        }
        if (e instanceof ParserException) {
            Matcher tag = UNEXPECTED_TAG.matcher(message);
            if (tag.find() && SandboxCustomizer.REMOVED_TAGS.contains(tag.group(1))) {
                return "the '" + tag.group(1) + "' tag is not available in flows";
            }
            return "syntax error: " + message;
        }
        Matcher written = WRITTEN.matcher(message);
        if (written.find()) {
            return "the rendered text is longer than the limit of " + written.group(1) + " characters";
        }
        return message;
    }

    /** "in '{{ expr }}' at line n", naming the tag on that line that holds the culprit. */
    private static String where(String template, PebbleException e) {
        Integer line = e.getLineNumber();
        String[] lines = template.split("\n", -1);
        if (line == null || line < 1 || line > lines.length) {
            List<String> tags = tags(template);
            return lines.length == 1 && tags.size() == 1 ? "in '" + abbreviate(tags.getFirst()) + "'" : "";
        }
        String culprit = e instanceof AttributeNotFoundException a ? a.getAttributeName() : null;
        List<String> tags = tags(lines[line - 1]);
        String excerpt = tags.isEmpty() ? lines[line - 1].strip() : tags.getFirst();
        if (culprit != null) {
            for (String tag : tags) {
                if (Pattern.compile("\\b" + Pattern.quote(culprit) + "\\b").matcher(tag).find()) {
                    excerpt = tag;
                    break;
                }
            }
        }
        return "in '" + abbreviate(excerpt) + "' at line " + line;
    }

    private static List<String> tags(String text) {
        List<String> tags = new ArrayList<>();
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            tags.add(m.group());
        }
        return tags;
    }

    /** The text, cut to a length fit for an error message. */
    static String abbreviate(String text) {
        return text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT - 3) + "..." : text;
    }
}
