package io.millrace.model.input;

import io.millrace.template.TemplateEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds what is wrong in one input declaration, before any value is given: its type's own
 * requirements, constraints that do not apply, a default that does not fit. The id is the flow
 * parser's business (it checks ids against each other and reports them where they are written).
 */
final class DeclarationCheck {

    private DeclarationCheck() {
    }

    static List<String> problems(Input input) {
        String name = input.id() == null || input.id().isBlank() ? "an input without id" : "input '" + input.id() + "'";
        List<String> problems = new ArrayList<>();
        InputType type = input.effectiveType();
        for (Constraint c : Constraint.values()) {
            if (c.isSetOn(input) && !c.appliesTo(input)) {
                problems.add(name + ": '" + c.property() + "' does not apply to type " + describe(input));
            }
        }
        ValueConverter converter = ValueConverter.of(type);
        converter.checkDeclaration(input).forEach(detail -> problems.add(name + ": " + detail));
        // A default is checked only against a sound declaration, else one mistake is reported twice.
        if (problems.isEmpty() && hasLiteralDefault(input)) {
            try {
                converter.convert(input, input.defaults());
            } catch (InvalidValue e) {
                e.details().forEach(detail -> problems.add(name + " (default): " + detail));
            }
        }
        return problems;
    }

    /** A default that can be checked now: templates are rendered only when an execution starts. */
    private static boolean hasLiteralDefault(Input input) {
        Object defaults = input.defaults();
        if (defaults == null || defaults instanceof String s && TemplateEngine.isTemplate(s)) {
            return false;
        }
        return !InputValues.isAbsent(defaults, input.effectiveType());
    }

    private static String describe(Input input) {
        return input.effectiveType() == InputType.ARRAY && input.itemType() != null
            ? "ARRAY of " + input.itemType()
            : input.effectiveType().name();
    }
}
