package io.millrace.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.millrace.model.condition.Condition;
import io.millrace.model.trigger.Trigger;
import io.millrace.tasks.Task;
import io.millrace.util.EditDistance;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every task, trigger and condition type Millrace knows, by id and alias, with descriptors built
 * once from the {@link Plugin} and {@link Prop} annotations. Used by the YAML parser (type lookup,
 * "did you mean"), by validation (required properties), and by the schema and docs generators.
 */
public final class Catalogue {

    private static final Catalogue INSTANCE = load();

    private final Map<PluginKind, Map<String, PluginDescriptor>> byName = new EnumMap<>(PluginKind.class);
    private final Map<PluginKind, List<PluginDescriptor>> byKind = new EnumMap<>(PluginKind.class);

    Catalogue(List<Class<?>> classes) {
        for (PluginKind k : PluginKind.values()) {
            byName.put(k, new HashMap<>());
            byKind.put(k, new ArrayList<>());
        }
        for (Class<?> c : classes) {
            PluginDescriptor d = describe(c);
            Map<String, PluginDescriptor> names = byName.get(d.kind());
            register(names, d.id(), d);
            for (String alias : d.aliases()) {
                register(names, alias, d);
            }
            byKind.get(d.kind()).add(d);
        }
        for (List<PluginDescriptor> list : byKind.values()) {
            list.sort(Comparator.comparing(PluginDescriptor::id));
        }
    }

    /** The catalogue of the core types plus those of every {@link PluginProvider} on the classpath. */
    public static Catalogue get() {
        return INSTANCE;
    }

    private static Catalogue load() {
        List<Class<?>> classes = new ArrayList<>(new CorePlugins().plugins());
        for (PluginProvider p : ServiceLoader.load(PluginProvider.class)) {
            if (!(p instanceof CorePlugins)) {
                classes.addAll(p.plugins());
            }
        }
        return new Catalogue(classes);
    }

    private static void register(Map<String, PluginDescriptor> names, String name, PluginDescriptor d) {
        PluginDescriptor previous = names.put(name, d);
        if (previous != null && previous != d) {
            throw new IllegalStateException("type name " + name + " is claimed by " + previous.type().getName()
                + " and " + d.type().getName());
        }
    }

    /** The type named {@code typeName} (id or alias), or null. */
    public PluginDescriptor find(PluginKind kind, String typeName) {
        return typeName == null ? null : byName.get(kind).get(typeName);
    }

    /** All types of a kind, sorted by id. */
    public List<PluginDescriptor> all(PluginKind kind) {
        return List.copyOf(byKind.get(kind));
    }

    /** Up to {@code max} known type names closest to {@code typeName}, closest first. */
    public List<String> nearest(PluginKind kind, String typeName, int max) {
        String wanted = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        String wantedSimple = simpleName(wanted);
        record Scored(String name, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String name : byName.get(kind).keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            int full = EditDistance.between(wanted, lower);
            int simple = EditDistance.between(wantedSimple, simpleName(lower));
            // a matching simple name (Log vs io.kestra...Log) counts almost as much as the whole id
            int score = Math.min(full, simple * 2 + (lower.startsWith("io.millrace.") ? 0 : 1));
            scored.add(new Scored(name, score));
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        int limit = Math.max(4, wantedSimple.length() / 2 + 2);
        List<String> result = new ArrayList<>();
        for (Scored s : scored) {
            if (result.size() >= max || s.score() > limit * 2) {
                break;
            }
            result.add(s.name());
        }
        return result;
    }

    private static String simpleName(String typeName) {
        int dot = typeName.lastIndexOf('.');
        return dot < 0 ? typeName : typeName.substring(dot + 1);
    }

    /** Builds the descriptor of an annotated plugin class. */
    static PluginDescriptor describe(Class<?> c) {
        Plugin p = c.getAnnotation(Plugin.class);
        if (p == null) {
            throw new IllegalArgumentException(c.getName() + " lacks @Plugin");
        }
        PluginKind kind;
        if (Task.class.isAssignableFrom(c)) {
            kind = PluginKind.TASK;
        } else if (Trigger.class.isAssignableFrom(c)) {
            kind = PluginKind.TRIGGER;
        } else if (Condition.class.isAssignableFrom(c)) {
            kind = PluginKind.CONDITION;
        } else {
            throw new IllegalArgumentException(c.getName() + " is not a Task, Trigger or Condition");
        }
        return new PluginDescriptor(kind, p.id(), List.of(p.aliases()), p.title(), p.example().strip(), c,
            properties(c));
    }

    /**
     * The documented properties of a class and its superclasses: the root type's (the common task
     * properties) first, then the class's own, then those of intermediate classes (errors, finally).
     */
    public static List<PropertyDescriptor> properties(Class<?> c) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            chain.addFirst(k);
        }
        if (chain.size() > 2) {
            chain.add(1, chain.removeLast());
        }
        List<PropertyDescriptor> props = new ArrayList<>();
        for (Class<?> k : chain) {
            for (Field f : k.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
                    continue;
                }
                Prop doc = f.getAnnotation(Prop.class);
                if (doc == null) {
                    continue;
                }
                JsonProperty jp = f.getAnnotation(JsonProperty.class);
                String name = jp != null && !jp.value().isEmpty() ? jp.value() : f.getName();
                props.add(new PropertyDescriptor(name, f, f.getGenericType(), doc.value(), doc.required(), doc.dynamic()));
            }
        }
        return props;
    }
}
