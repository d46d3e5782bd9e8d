package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * {@code a ~ b}, replacing Pebble's: each side as {@code {{ }}} prints it (a map as JSON, not as
 * Java's {@code {k=v}}), and bounded, since {@code {% set s = s ~ s %}} in a loop doubles the text
 * in memory without ever writing it out.
 */
final class ConcatenationExpression extends BinaryExpression<String> {

    /** Pebble's precedence for {@code ~}. */
    private static final int PRECEDENCE = 110;

    static BinaryOperator operator() {
        return new BinaryOperatorImpl("~", PRECEDENCE, ConcatenationExpression::new, BinaryOperatorType.NORMAL,
            Associativity.LEFT);
    }

    @Override
    public String evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
        String left = text(getLeftExpression().evaluate(self, context), self);
        String right = text(getRightExpression().evaluate(self, context), self);
        RenderBudget.current().requireFits((long) left.length() + right.length(), "'~'", getLineNumber(),
            self.getName());
        return left + right;
    }

    private String text(Object value, PebbleTemplateImpl self) {
        return text(value, "'~'", getLineNumber(), self);
    }

    /** A value as {@code {{ }}} prints it, null as nothing; a Java object fails at {@code line} for {@code operator}. */
    static String text(Object value, String operator, int line, PebbleTemplateImpl self) {
        try {
            String text = Values.text(value);
            return text == null ? "" : text;
        } catch (IllegalArgumentException e) {
            throw new PebbleException(null, operator + ": " + e.getMessage(), line, self.getName());
        }
    }
}
