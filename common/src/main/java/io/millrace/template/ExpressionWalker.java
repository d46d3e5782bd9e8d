package io.millrace.template;

import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.expression.ArrayExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.MapExpression;
import io.pebbletemplates.pebble.node.expression.RenderableNodeExpression;
import io.pebbletemplates.pebble.node.expression.TernaryExpression;
import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

import java.util.Map;

/**
 * A node visitor that also walks into expressions, down to template bodies held by expressions
 * ({@code {% set x %}…{% endset %}}, {@code {% filter %}} blocks). Pebble's own visitor stops at them.
 */
abstract class ExpressionWalker extends AbstractNodeVisitor {

    ExpressionWalker(PebbleTemplateImpl template) {
        super(template);
    }

    @Override
    public void visit(Node node) {
        switch (node) {
            case RenderableNodeExpression r -> r.getNode().accept(this);
            case BinaryExpression<?> b -> {
                visitExpression(b.getLeftExpression());
                visitExpression(b.getRightExpression());
            }
            case UnaryExpression u -> visitExpression(u.getChildExpression());
            case TernaryExpression t -> {
                visitExpression(t.getExpression1());
                visitExpression(t.getExpression2());
                visitExpression(t.getExpression3());
            }
            case GetAttributeExpression g -> {
                visitExpression(g.getNode());
                visitExpression(g.getAttributeNameExpression());
                if (g.getArgumentsNode() != null) {
                    g.getArgumentsNode().accept(this);
                }
            }
            case ArrayExpression a -> a.getValues().forEach(this::visitExpression);
            case MapExpression m -> {
                for (Map.Entry<Expression<?>, Expression<?>> e : m.getEntries().entrySet()) {
                    visitExpression(e.getKey());
                    visitExpression(e.getValue());
                }
            }
            default -> visitOther(node);
        }
    }

    /** Nodes the walker does not descend into by itself: invocations, literals, variables. */
    void visitOther(Node node) {
    }

    private void visitExpression(Expression<?> expression) {
        if (expression != null) {
            expression.accept(this);
        }
    }
}
