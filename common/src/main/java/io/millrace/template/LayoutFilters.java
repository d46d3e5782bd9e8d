package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;

import java.util.List;
import java.util.Map;

/**
 * Filters that place text inside YAML or code: {@code indent(n)} indents every line but the first
 * (the first follows a key already), {@code nindent(n)} starts a new line and indents every line.
 * An optional {@code prefix} replaces the space as the unit of indentation.
 */
final class LayoutFilters {

    private static final List<String> ARGUMENTS = List.of("amount", "prefix");

    private LayoutFilters() {
    }

    static Map<String, Filter> filters() {
        return Map.of(
            "indent", new TemplateFilter("indent", ARGUMENTS, (input, call) -> input == null ? null
                : indent(Values.text(input), unit(call), false, call)),
            "nindent", new TemplateFilter("nindent", ARGUMENTS, (input, call) -> input == null ? null
                : "\n" + indent(Values.text(input), unit(call), true, call)));
    }

    private static String unit(Call call) {
        long amount = call.integer("amount");
        if (amount < 0 || amount > 1_000) {
            throw call.fail("amount must be between 0 and 1000, not " + amount);
        }
        String prefix = call.string("prefix", " ");
        fits(amount * prefix.length(), call);
        return prefix.repeat((int) amount);
    }

    private static String indent(String text, String unit, boolean firstLine, Call call) {
        long newlines = text.chars().filter(c -> c == '\n').count();
        fits(1 + text.length() + (newlines + 1) * unit.length(), call);
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + lines.length * unit.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            // blank lines stay blank: trailing spaces would only add noise to the YAML
            if ((i > 0 || firstLine) && !lines[i].isEmpty()) {
                out.append(unit);
            }
            out.append(lines[i]);
        }
        return out.toString();
    }

    private static void fits(long length, Call call) {
        RenderBudget.current().requireFits(length, call.name(), call.line(), call.template().getName());
    }
}
