package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;

import java.util.Set;

/**
 * How deep a template nests, measured before Pebble parses it. Pebble's parser and evaluator recurse
 * once per level of parentheses, brackets, braces, {@code #{}} interpolations and block tags
 * ({@code if}, {@code for}, {@code macro}…), so {@code {{ ((((…)))) }}} twenty thousand levels deep
 * overflows the thread's stack; a template deeper than {@link #MAX_DEPTH} is refused instead.
 *
 * <p>The scanner follows Pebble's lexer: only text inside {@code {{ }}} and {@code {% %}} counts, string
 * literals are skipped except for their {@code #{ }} interpolations, a delimiter closes only outside
 * brackets, and {@code verbatim} blocks are raw text.
 */
public final class TemplateNesting {

    /** The deepest nesting a template may have; real flows stay far below it. */
    public static final int MAX_DEPTH = 100;

    /** Tags that open a block closed by an {@code end…} tag. */
    private static final Set<String> BLOCK_TAGS = Set.of("if", "for", "macro", "block", "filter", "autoescape",
        "cache", "parallel", "embed", "with");

    private final String text;
    private int at;
    private int line = 1;
    private int depth;
    private int deepest;
    private int deepestLine = 1;

    private TemplateNesting(String text) {
        this.text = text;
    }

    /** The deepest nesting of {@code template} (0 for plain text), counted up to {@code MAX_DEPTH + 1}. */
    public static int depth(String template) {
        return template == null ? 0 : new TemplateNesting(template).scan().deepest;
    }

    /**
     * Refuses a template nesting deeper than {@link #MAX_DEPTH}, with the line where it gets too deep.
     *
     * @throws PebbleException so that callers report it as they report Pebble's own errors
     */
    static void check(String template) {
        if (template == null) {
            return;
        }
        TemplateNesting scan = new TemplateNesting(template).scan();
        if (scan.deepest > MAX_DEPTH) {
            throw new PebbleException(null, "the template nests more than " + MAX_DEPTH
                + " levels deep (parentheses, brackets, braces, #{} or block tags); simplify it", scan.deepestLine, null);
        }
    }

    /** Scans the whole text, or up to the first level past the limit. */
    private TemplateNesting scan() {
        try {
            text();
        } catch (TooDeep e) {
            // deep enough to refuse: the rest need not be read (and the scan's own recursion stays short)
        }
        return this;
    }

    /** Plain text, up to each tag. */
    private void text() {
        while (at < text.length()) {
            if (startsWith("{{")) {
                at += 2;
                expression("}}");
            } else if (startsWith("{%")) {
                at += 2;
                tag();
            } else if (startsWith("{#")) {
                skipPast("#}");
            } else {
                next();
            }
        }
    }

    /** A {@code {% %}} tag: a block tag opens or closes a level, then its expression. */
    private void tag() {
        skipSpaces();
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        String name = text.substring(start, at);
        if (BLOCK_TAGS.contains(name)) {
            open();
        } else if (name.startsWith("end")) {
            close();
        }
        expression("%}");
        if (name.equals("verbatim")) {
            skipPast("endverbatim");
            skipPast("%}");
        }
    }

    /** An expression up to {@code end} (which closes it only outside brackets), or to the end of an interpolation. */
    private void expression(String end) {
        int base = depth;
        while (at < text.length()) {
            if (depth == base && end != null && startsWith(end)) {
                at += end.length();
                return;
            }
            char c = text.charAt(at);
            switch (c) {
                case '(', '[', '{' -> {
                    open();
                    next();
                }
                case ')', ']', '}' -> {
                    next();
                    if (depth > base) {
                        close();
                    } else if (end == null) {
                        return; // the '}' closing an interpolation
                    } // else unbalanced: Pebble reports it
                }
                case '\'', '"' -> string(c);
                default -> next();
            }
        }
    }

    /** A string literal; in a double-quoted one, each {@code #{ }} holds an expression one level deeper. */
    private void string(char quote) {
        next();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\\') {
                next();
                if (at < text.length()) {
                    next();
                }
            } else if (c == quote) {
                next();
                return;
            } else if (quote == '"' && startsWith("#{")) {
                at += 2;
                open();
                expression(null);
                close();
            } else {
                next();
            }
        }
    }

    private void open() {
        depth++;
        if (depth > deepest) {
            deepest = depth;
            deepestLine = line;
        }
        if (depth > MAX_DEPTH) {
            throw TooDeep.INSTANCE;
        }
    }

    private void close() {
        depth = Math.max(0, depth - 1);
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            next();
        }
    }

    private void skipPast(String marker) {
        while (at < text.length() && !startsWith(marker)) {
            next();
        }
        at = Math.min(text.length(), at + marker.length());
    }

    private void next() {
        if (text.charAt(at) == '\n') {
            line++;
        }
        at++;
    }

    private boolean startsWith(String s) {
        return text.startsWith(s, at);
    }

    /** Ends the scan once the limit is passed. */
    private static final class TooDeep extends RuntimeException {
        static final TooDeep INSTANCE = new TooDeep();

        private TooDeep() {
            super(null, null, false, false);
        }
    }
}
