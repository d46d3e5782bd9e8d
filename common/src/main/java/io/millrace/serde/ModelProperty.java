package io.millrace.serde;

import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One property a flow may set on a model object, as the parser, the schema and the docs see it.
 *
 * @param name        the YAML key
 * @param aliases     other keys accepted for it (e.g. {@code name} for an input's {@code id})
 * @param javaType    the Java type it is bound to
 * @param description what it means (empty when the model does not document it)
 * @param required    a flow that omits it is invalid
 * @param dynamic     its strings are templates, rendered when the task runs
 * @param field       the Java field it is bound to, or null
 */
public record ModelProperty(String name, List<String> aliases, Type javaType, String description,
                            boolean required, boolean dynamic, Field field) {

    /** How its values are written. */
    public Shape shape() {
        return Shape.of(javaType);
    }

    /** The deserializer its field names with {@code @JsonDeserialize(using = …)}, or null when Jackson's own reads it. */
    public Class<?> reader() {
        JsonDeserialize d = field == null ? null : field.getAnnotation(JsonDeserialize.class);
        return d == null || d.using() == ValueDeserializer.None.class ? null : d.using();
    }

    /** Whether {@code key} is its name or one of its aliases. */
    public boolean answersTo(String key) {
        return name.equals(key) || aliases.contains(key);
    }
}
