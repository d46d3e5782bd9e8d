package io.millrace.template;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.AbstractRenderableNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

import java.io.Writer;
import java.util.List;

/**
 * Puts a check of the {@link RenderBudget} at the head of every body of the parsed template: each
 * iteration of a {@code for} loop and each macro call renders a body, so each one counts a step and
 * checks the deadline. One place for every loop and recursion Pebble has, without changing its nodes.
 */
final class BudgetChecks implements NodeVisitorFactory {

    @Override
    public NodeVisitor createVisitor(PebbleTemplate template) {
        return new ExpressionWalker((PebbleTemplateImpl) template) {
            @Override
            public void visit(BodyNode node) {
                super.visit(node);
                List<RenderableNode> children = node.getChildren();
                if (children.isEmpty() || !(children.getFirst() instanceof Check)) {
                    children.addFirst(new Check(node.getLineNumber()));
                }
            }
        };
    }

    /** Renders nothing; counts a step of the render. */
    static final class Check extends AbstractRenderableNode {

        Check(int line) {
            super(line);
        }

        @Override
        public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) {
            RenderBudget.current().step(getLineNumber(), self.getName());
        }

        @Override
        public void accept(NodeVisitor visitor) {
            // nothing to visit
        }
    }
}
