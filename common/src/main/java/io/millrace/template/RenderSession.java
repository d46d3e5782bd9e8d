package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.EvaluationContext;

import io.millrace.secrets.SecretMasks;

import java.util.Map;

/**
 * The state one top-level render shares with the nested renders its {@code render()} calls start:
 * where to report the secrets read, and how deep the nesting goes. One render runs on one thread.
 */
final class RenderSession {

    /**
     * The variable the session travels under. Not an identifier, so template syntax cannot name it;
     * the one map that could ({@code _context}) is refused by {@link DataAttributeResolver}.
     */
    static final String VARIABLE = "millrace:render-session";

    /** Compiles and evaluates a nested template, throwing Pebble's exceptions. */
    @FunctionalInterface
    interface Evaluator {
        String evaluate(String template, Map<String, Object> scope);
    }

    private final Evaluator evaluator;
    private final SecretMasks secrets;
    private final String namespace;
    private final int maxDepth;
    private int depth;

    RenderSession(Evaluator evaluator, SecretMasks secrets, String namespace, int maxDepth) {
        this.evaluator = evaluator;
        this.secrets = secrets;
        this.namespace = namespace;
        this.maxDepth = maxDepth;
    }

    /** The session of the render {@code context} belongs to. */
    static RenderSession of(EvaluationContext context) {
        if (context.getVariable(VARIABLE) instanceof RenderSession session) {
            return session;
        }
        throw new IllegalStateException("template evaluated outside of TemplateEngine.render");
    }

    /**
     * The namespace of the flow being rendered, as the caller gave it ({@code flow.namespace}) before
     * the template ran: a {@code {% set flow = … %}} cannot change which namespace's secrets it reads.
     */
    String namespace() {
        return namespace;
    }

    /** The session of the render {@code context} belongs to, or null outside of one. */
    static RenderSession find(EvaluationContext context) {
        return context != null && context.getVariable(VARIABLE) instanceof RenderSession session ? session : null;
    }

    /** Reports a secret value the template read (or derived from one), so that logs can mask it. */
    void secretRead(String value) {
        secrets.add(value);
    }

    /** Whether {@code value} holds a secret known to this render's caller or read during it. */
    boolean holdsSecret(Object value) {
        return secrets.touches(value);
    }

    int maxDepth() {
        return maxDepth;
    }

    /**
     * Renders {@code template} one level deeper, failing past the depth limit. Errors inside name
     * the nested text, since the line numbers of the outer template do not apply to it.
     */
    String renderNested(String template, Map<String, Object> scope, Call call) {
        if (depth >= maxDepth) {
            throw new NestedRenderFailure(call.name() + ": templates nest more than " + maxDepth
                + " levels deep (does a variable render itself?)", call);
        }
        depth++;
        try {
            return evaluator.evaluate(template, scope);
        } catch (NestedRenderFailure | RenderBudget.BudgetExceeded e) {
            throw e;
        } catch (PebbleException e) {
            throw new NestedRenderFailure(call.name() + " failed on '" + TemplateErrors.abbreviate(template) + "': "
                + TemplateErrors.describe(template, e), call);
        } finally {
            depth--;
        }
    }

    /** A failure inside a nested render, already described; outer levels pass it on unchanged. */
    static final class NestedRenderFailure extends PebbleException {
        NestedRenderFailure(String message, Call call) {
            super(null, message, call.line(), call.template().getName());
        }
    }

    @Override
    public String toString() {
        // never show callbacks or state if someone manages to print it
        return "render session";
    }
}
