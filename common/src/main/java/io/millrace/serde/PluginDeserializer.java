package io.millrace.serde;

import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

import java.util.List;

/**
 * Reads a task, trigger or condition by looking its {@code type} up in the {@link Catalogue}
 * (ids and Kestra aliases), so the type hierarchy needs no Jackson annotations.
 */
final class PluginDeserializer<T> extends ValueDeserializer<T> {

    private final PluginKind kind;
    private final Class<T> base;

    PluginDeserializer(PluginKind kind, Class<T> base) {
        this.kind = kind;
        this.base = base;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonNode node = ctxt.readTree(p);
        if (!node.isObject()) {
            return ctxt.reportInputMismatch(base, "expected an object with a 'type', got " + node.getNodeType());
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isString()) {
            return ctxt.reportInputMismatch(base, "missing 'type'");
        }
        PluginDescriptor d = Catalogue.get().find(kind, type.asString());
        if (d == null) {
            List<String> near = Catalogue.get().nearest(kind, type.asString(), 3);
            return ctxt.reportInputMismatch(base, "unknown " + kind.name().toLowerCase() + " type '" + type.asString()
                + "'" + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?"));
        }
        return base.cast(ctxt.readTreeAsValue(node, d.type()));
    }
}
