package io.millrace.template;

import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables visible where {@code render()} is called, as a map for the nested template: loop
 * and {@code set} variables included, without copying. Variables the nested template sets stay in it.
 */
final class EnclosingScope extends AbstractMap<String, Object> {

    private final EvaluationContext context;
    private final Map<String, Object> local = new HashMap<>();

    EnclosingScope(EvaluationContext context) {
        this.context = context;
    }

    @Override
    public Object get(Object key) {
        if (local.containsKey(key)) {
            return local.get(key);
        }
        return key instanceof String name ? context.getVariable(name) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        if (local.containsKey(key)) {
            return true;
        }
        if (!(key instanceof String name)) {
            return false;
        }
        if (context instanceof EvaluationContextImpl impl) {
            return impl.getScopeChain().containsKey(name);
        }
        return context.getVariable(name) != null;
    }

    @Override
    public Object put(String key, Object value) {
        return local.put(key, value);
    }

    /** Only the nested template's own: lookups never enumerate, and the enclosing ones are not ours to list. */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        return local.entrySet();
    }
}
