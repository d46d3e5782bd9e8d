package io.millrace.serde;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.millrace.model.condition.Condition;
import io.millrace.model.trigger.Trigger;
import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginKind;
import io.millrace.tasks.Task;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a value of a Java model type is written in a flow: a task, trigger or condition chosen by its
 * {@code type}; a union such as Retry chosen by its {@code type}; a mapping of known properties; a
 * list; a mapping of free keys; or a plain value. The validator and the schema generator both
 * follow the model through shapes, so they agree on what a flow may contain.
 */
public sealed interface Shape {

    /** A task, trigger or condition: its {@code type} names a catalogue entry. */
    record Plugin(PluginKind kind) implements Shape {
    }

    /** One of several classes, chosen by the value of {@code typeProperty} (e.g. a retry policy). */
    record Union(Class<?> base, String typeProperty, Map<String, Class<?>> subtypes) implements Shape {
    }

    /** A mapping whose keys are the properties of {@code type} (see {@link ModelProperties}). */
    record Bean(Class<?> type) implements Shape {
    }

    /** A list of values of {@code element}. */
    record ListOf(Type element) implements Shape {
    }

    /** A mapping of free keys to values of {@code value}. */
    record MapOf(Type value) implements Shape {
    }

    /** A scalar or free-form value, read by Jackson as {@code type}. */
    record Value(Type type) implements Shape {
    }

    /** The shape of values of {@code type}. */
    static Shape of(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return new ListOf(args[0]);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new MapOf(args[1]);
            }
            return of(raw);
        }
        if (type instanceof WildcardType || type instanceof TypeVariable<?> || type instanceof GenericArrayType) {
            return new Value(Object.class);
        }
        if (!(type instanceof Class<?> c)) {
            return new Value(Object.class);
        }
        if (c.isPrimitive() || c.isEnum() || c.isArray() || c.getName().startsWith("java.")
            && !Collection.class.isAssignableFrom(c) && !Map.class.isAssignableFrom(c)) {
            return new Value(c);
        }
        if (Collection.class.isAssignableFrom(c)) {
            return new ListOf(Object.class);
        }
        if (Map.class.isAssignableFrom(c)) {
            return new MapOf(Object.class);
        }
        PluginKind kind = kindOf(c);
        if (kind != null) {
            return new Plugin(kind);
        }
        JsonTypeInfo info = c.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subTypes = c.getAnnotation(JsonSubTypes.class);
        if (info != null && subTypes != null) {
            Map<String, Class<?>> byName = new LinkedHashMap<>();
            for (JsonSubTypes.Type t : subTypes.value()) {
                String name = t.name();
                if (name.isEmpty() && t.value().getAnnotation(JsonTypeName.class) != null) {
                    name = t.value().getAnnotation(JsonTypeName.class).value();
                }
                byName.put(name, t.value());
            }
            String property = info.property().isEmpty() ? "type" : info.property();
            return new Union(c, property, byName);
        }
        if (c.isRecord() || (!c.isEnum() && !c.isInterface() && !Catalogue.properties(c).isEmpty())) {
            return new Bean(c);
        }
        return new Value(c);
    }

    /** The plugin kind whose base class is {@code c}, or null. */
    static PluginKind kindOf(Class<?> c) {
        if (Task.class.isAssignableFrom(c)) {
            return PluginKind.TASK;
        }
        if (Trigger.class.isAssignableFrom(c)) {
            return PluginKind.TRIGGER;
        }
        if (Condition.class.isAssignableFrom(c)) {
            return PluginKind.CONDITION;
        }
        return null;
    }
}
