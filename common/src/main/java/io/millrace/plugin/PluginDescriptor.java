package io.millrace.plugin;

import java.util.List;

/** A task, trigger or condition type as the catalogue knows it: names, documentation, properties. */
public record PluginDescriptor(PluginKind kind, String id, List<String> aliases, String title, String example,
                               Class<?> type, List<PropertyDescriptor> properties) {

    /** The property named {@code name} (its YAML name), or null. */
    public PropertyDescriptor property(String name) {
        for (PropertyDescriptor p : properties) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Whether {@code typeName} is this type's id or one of its aliases. */
    public boolean answersTo(String typeName) {
        return id.equals(typeName) || aliases.contains(typeName);
    }
}
