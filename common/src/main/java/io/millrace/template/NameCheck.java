package io.millrace.template;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.extension.ExtensionRegistry;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.TestInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FilterInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

import java.util.function.Supplier;

/**
 * Fails a template that calls an unknown function, filter or test when it is parsed, so that
 * {@code check()} catches a misspelt {@code | josn} instead of the first run that reaches it.
 */
final class NameCheck implements NodeVisitorFactory {

    // the registry exists only once the engine is built, and this factory is part of what builds it
    private final Supplier<ExtensionRegistry> registry;

    NameCheck(Supplier<ExtensionRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public NodeVisitor createVisitor(PebbleTemplate template) {
        PebbleTemplateImpl impl = (PebbleTemplateImpl) template;
        ExtensionRegistry names = registry.get();
        return new ExpressionWalker(impl) {
            @Override
            void visitOther(Node node) {
                switch (node) {
                    case FilterInvocationExpression f -> {
                        String name = f.getFilterName();
                        require(names.getFilter(name) != null, "filter", name, f.getLineNumber(), impl);
                        f.getArgs().accept(this);
                    }
                    case FunctionOrMacroInvocationExpression f -> {
                        String name = f.getFunctionName();
                        boolean known = names.getFunction(name) != null || impl.hasMacro(name);
                        require(known, "function", name, f.getLineNumber(), impl);
                        f.getArguments().accept(this);
                    }
                    case TestInvocationExpression t -> {
                        String name = t.getTestName();
                        require(names.getTest(name) != null, "test", name, t.getLineNumber(), impl);
                        t.getArgs().accept(this);
                    }
                    default -> {
                    }
                }
            }
        };
    }

    private static void require(boolean known, String kind, String name, int line, PebbleTemplateImpl template) {
        if (!known) {
            throw new ParserException(null, "unknown " + kind + " '" + name + "'", line, template.getName());
        }
    }
}
