package io.millrace.template;

import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

import java.util.List;

/**
 * {@code a ?? b}: {@code b} when {@code a} is undefined or null; {@code a ??? b}: {@code b} only when
 * {@code a} is undefined. Both work in strict mode: an undefined left side is their point.
 */
final class CoalescingExpression extends BinaryExpression<Object> {

    /**
     * Binds tighter than filters, so {@code a ?? b | date(...)} formats whichever value was chosen
     * (and {@code a ?? (b | f)} needs its parentheses), as in Kestra.
     */
    static final int PRECEDENCE = 120;

    private final boolean nullFallsBack;

    private CoalescingExpression(boolean nullFallsBack) {
        this.nullFallsBack = nullFallsBack;
    }

    /** The {@code ??} and {@code ???} operators. */
    static List<BinaryOperator> operators() {
        return List.of(
            new BinaryOperatorImpl("??", PRECEDENCE, () -> new CoalescingExpression(true),
                BinaryOperatorType.NORMAL, Associativity.RIGHT),
            new BinaryOperatorImpl("???", PRECEDENCE, () -> new CoalescingExpression(false),
                BinaryOperatorType.NORMAL, Associativity.RIGHT));
    }

    @Override
    public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
        Object left;
        try {
            left = getLeftExpression().evaluate(self, context);
        } catch (AttributeNotFoundException undefined) {
            // also thrown for an attribute of a null value (a.b where a is null): undefined as well
            return getRightExpression().evaluate(self, context);
        }
        if (left == null && nullFallsBack) {
            return getRightExpression().evaluate(self, context);
        }
        return left;
    }
}
