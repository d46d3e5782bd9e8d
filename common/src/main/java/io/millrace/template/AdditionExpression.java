package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.utils.OperatorUtils;

import java.util.Collection;
import java.util.List;

/**
 * {@code a + b}, replacing Pebble's: numbers add as in Pebble; text concatenates like {@code ~}
 * (values printed as {@code {{ }}} prints them, never a Java object's {@code Name@hash}) within the
 * size limit; a list grows by an item or a list within {@link BudgetedCalls#MAX_ITEMS} items. Pebble's
 * own builds texts and lists of any size ({@code {% set s = s + s %}} in a loop).
 */
final class AdditionExpression extends BinaryExpression<Object> {

    /** Pebble's precedence for {@code +}. */
    private static final int PRECEDENCE = 40;

    static BinaryOperator operator() {
        return new BinaryOperatorImpl("+", PRECEDENCE, AdditionExpression::new, BinaryOperatorType.NORMAL,
            Associativity.LEFT);
    }

    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
        Object left = getLeftExpression().evaluate(self, context);
        Object right = getRightExpression().evaluate(self, context);
        if (isText(left) || isText(right)) {
            // Pebble writes a null side as "null" here
            String l = left == null ? "null" : ConcatenationExpression.text(left, "'+'", getLineNumber(), self);
            String r = right == null ? "null" : ConcatenationExpression.text(right, "'+'", getLineNumber(), self);
            RenderBudget.current().requireFits((long) l.length() + r.length(), "'+'", getLineNumber(), self.getName());
            return l + r;
        }
        if (left instanceof List<?> list) {
            long items = (long) list.size() + (right instanceof Collection<?> c ? c.size() : 1);
            if (items > BudgetedCalls.MAX_ITEMS) {
                throw new PebbleException(null, "'+' would make a list of more than " + BudgetedCalls.MAX_ITEMS
                    + " items", getLineNumber(), self.getName());
            }
        }
        return OperatorUtils.add(left, right);
    }

    private static boolean isText(Object value) {
        return value instanceof String || value instanceof SafeString;
    }
}
