package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * Makes every {@code {{ }}} print values the way flows expect ({@link Values#text}): maps and lists
 * as compact JSON, integral numbers without {@code .0}. Done on the parsed template, by wrapping each
 * print's expression, so it holds whatever writer the output goes to (macro bodies, set blocks).
 */
final class ValuePrinting implements NodeVisitorFactory {

    @Override
    public NodeVisitor createVisitor(PebbleTemplate template) {
        return new ExpressionWalker((PebbleTemplateImpl) template) {
            @Override
            public void visit(PrintNode node) {
                super.visit(node);
                if (!(node.getExpression() instanceof Printed)) {
                    node.setExpression(new Printed(node.getExpression()));
                }
            }
        };
    }

    /** The text of the wrapped expression's value, as a template prints it. */
    record Printed(Expression<?> value) implements Expression<String> {

        @Override
        public String evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object result = value.evaluate(self, context);
            try {
                return Values.text(result);
            } catch (IllegalArgumentException e) {
                throw new PebbleException(null, "cannot print: " + e.getMessage(), getLineNumber(), self.getName());
            }
        }

        @Override
        public int getLineNumber() {
            return value.getLineNumber();
        }

        @Override
        public void accept(NodeVisitor visitor) {
            value.accept(visitor);
        }
    }
}
