package io.millrace.serde;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PropertyDescriptor;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The properties a flow may set on a model class: the {@link io.millrace.plugin.Prop}-documented
 * fields and record components (tasks, triggers, conditions, the flow itself, retry policies,
 * inputs…), or, for a record without them, its components.
 */
public final class ModelProperties {

    private static final Map<Class<?>, List<ModelProperty>> CACHE = new ConcurrentHashMap<>();

    private ModelProperties() {
    }

    /** The properties of a task, trigger or condition type, from its catalogue descriptor. */
    public static List<ModelProperty> of(PluginDescriptor descriptor) {
        return CACHE.computeIfAbsent(descriptor.type(), c -> fromDescriptors(descriptor.properties()));
    }

    /** The properties of {@code type}, base class first; empty for a type without properties. */
    public static List<ModelProperty> of(Class<?> type) {
        return CACHE.computeIfAbsent(type, ModelProperties::describe);
    }

    private static List<ModelProperty> describe(Class<?> type) {
        List<PropertyDescriptor> documented = Catalogue.properties(type);
        if (!documented.isEmpty() || !type.isRecord()) {
            return fromDescriptors(documented);
        }
        // an undocumented record: its components, none required
        List<ModelProperty> props = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            Field field = field(type, rc.getName());
            String name = rc.getName();
            JsonProperty jp = field == null ? null : field.getAnnotation(JsonProperty.class);
            if (jp != null && !jp.value().isEmpty()) {
                name = jp.value();
            }
            props.add(new ModelProperty(name, aliases(field), rc.getGenericType(), "", false, false, field));
        }
        return List.copyOf(props);
    }

    private static List<ModelProperty> fromDescriptors(List<PropertyDescriptor> descriptors) {
        List<ModelProperty> props = new ArrayList<>();
        for (PropertyDescriptor d : descriptors) {
            props.add(new ModelProperty(d.name(), aliases(d.field()), d.javaType(), d.description(), d.required(),
                d.dynamic(), d.field()));
        }
        return List.copyOf(props);
    }

    private static List<String> aliases(Field field) {
        JsonAlias alias = field == null ? null : field.getAnnotation(JsonAlias.class);
        return alias == null ? List.of() : List.of(alias.value());
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
