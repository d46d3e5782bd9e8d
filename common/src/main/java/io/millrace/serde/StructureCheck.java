package io.millrace.serde;

import io.millrace.model.Flow;
import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Walks a flow's tree along the model's Java types (via {@link Shape}s and the catalogue's
 * descriptors) and reports unknown properties, missing required ones, values of the wrong type and
 * unknown plugin types. Walks into every property that holds tasks, triggers or conditions, applying
 * plugin defaults to each before checking it, and remembers them for the checks across the flow.
 */
final class StructureCheck {

    private static final Pattern WORD_START = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Map<Class<?>, String> DISPLAY_NAMES = new ConcurrentHashMap<>();

    private final Problems problems;
    private final PluginDefaults defaults;
    private final List<PluginNode> plugins = new ArrayList<>();

    StructureCheck(Problems problems, PluginDefaults defaults) {
        this.problems = problems;
        this.defaults = defaults;
    }

    /** Checks the whole flow. */
    void checkFlow(ObjectNode root) {
        checkProperties(root, Paths.ROOT, ModelProperties.of(Flow.class), "the flow", Flow.class);
    }

    /** The tasks, triggers and conditions met, in document order. */
    List<PluginNode> plugins() {
        return List.copyOf(plugins);
    }

    private void check(JsonNode node, String path, Shape shape) {
        switch (shape) {
            case Shape.Plugin p -> checkPlugin(p.kind(), node, path);
            case Shape.Union u -> checkUnion(u, node, path);
            case Shape.Bean b -> {
                if (expectMapping(node, path, "a mapping")) {
                    checkProperties((ObjectNode) node, path, ModelProperties.of(b.type()), displayName(b.type()), b.type());
                }
            }
            case Shape.ListOf l -> checkList(l, node, path);
            case Shape.MapOf m -> {
                if (expectMapping(node, path, "a mapping")) {
                    Shape values = Shape.of(m.value());
                    for (Map.Entry<String, JsonNode> e : node.properties()) {
                        checkElement(e.getValue(), Paths.property(path, e.getKey()), values);
                    }
                }
            }
            case Shape.Value v -> {
                String message = ValueCheck.check(node, v.type());
                if (message != null) {
                    problems.atValue(path, message);
                }
            }
        }
    }

    private void checkList(Shape.ListOf list, JsonNode node, String path) {
        if (!node.isArray()) {
            problems.atValue(path, "expected a list, got " + ValueCheck.describe(node));
            return;
        }
        Shape elements = Shape.of(list.element());
        for (int i = 0; i < node.size(); i++) {
            checkElement(node.get(i), Paths.index(path, i), elements);
        }
    }

    private void checkElement(JsonNode node, String path, Shape shape) {
        if (node.isNull() && shape instanceof Shape.Plugin p) {
            problems.atValue(path, "expected " + article(p.kind()) + ", got nothing");
        } else if (!node.isNull()) {
            check(node, path, shape);
        }
    }

    private void checkPlugin(PluginKind kind, JsonNode node, String path) {
        String noun = noun(kind);
        if (!node.isObject()) {
            problems.atValue(path, "expected " + article(kind) + " (a mapping with a type), got " + ValueCheck.describe(node));
            return;
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode type = object.get("type");
        if (type == null || type.isNull()) {
            problems.atValue(path, "missing required property 'type'");
            plugins.add(new PluginNode(kind, null, object, path));
            return;
        }
        String typePath = Paths.property(path, "type");
        if (!type.isString()) {
            problems.atValue(typePath, "expected a " + noun + " type name, got " + ValueCheck.describe(type));
            plugins.add(new PluginNode(kind, null, object, path));
            return;
        }
        String written = type.asString();
        PluginDescriptor d = Catalogue.get().find(kind, written);
        if (d == null) {
            List<String> near = Catalogue.get().nearest(kind, written, 3);
            problems.atValue(typePath, "unknown " + noun + " type '" + written + "'"
                + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?"));
            plugins.add(new PluginNode(kind, null, object, path));
            return;
        }
        defaults.apply(d, written, object, path);
        plugins.add(new PluginNode(kind, d, object, path));
        checkProperties(object, path, ModelProperties.of(d), written, d.type());
    }

    private void checkUnion(Shape.Union union, JsonNode node, String path) {
        String noun = displayName(union.base());
        if (!expectMapping(node, path, "a " + noun + " (a mapping with a " + union.typeProperty() + ")")) {
            return;
        }
        String names = String.join(", ", union.subtypes().keySet());
        JsonNode type = node.get(union.typeProperty());
        if (type == null || type.isNull()) {
            problems.atValue(path, "missing required property '" + union.typeProperty() + "' (one of " + names + ")");
            return;
        }
        Class<?> subtype = type.isString() ? union.subtypes().get(type.asString()) : null;
        if (subtype == null) {
            problems.atValue(Paths.property(path, union.typeProperty()),
                "unknown " + noun + " type " + ValueCheck.describe(type) + "; expected one of " + names);
            return;
        }
        checkProperties((ObjectNode) node, path, ModelProperties.of(subtype), type.asString() + " " + noun, subtype);
    }

    /**
     * Checks the properties of one mapping: each key known, each value of its type, each required
     * property present. {@code owner} names the mapping in messages; {@code concrete} is the class
     * bound, for properties read by their own deserializer.
     */
    private void checkProperties(ObjectNode node, String path, List<ModelProperty> props, String owner, Class<?> concrete) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            String child = Paths.property(path, key);
            ModelProperty prop = find(props, key);
            if (prop == null) {
                problems.atKey(child, "unknown property '" + key + "' of " + owner + Suggestions.didYouMean(key, names(props)));
            } else {
                checkProperty(prop, e.getValue(), child, concrete);
            }
        }
        for (ModelProperty p : props) {
            if (p.required() && present(node, p) == null) {
                problems.atValue(path, "missing required property '" + p.name() + "'");
            }
        }
    }

    private void checkProperty(ModelProperty prop, JsonNode value, String path, Class<?> concrete) {
        String listOf = pluginListNoun(prop);
        boolean empty = value.isNull() || (listOf != null && value.isArray() && value.isEmpty());
        if (empty && prop.required()) {
            problems.atValue(path, listOf != null ? "'" + prop.name() + "' needs at least one " + listOf
                : "required property '" + prop.name() + "' has no value");
            return;
        }
        if (value.isNull()) {
            return;
        }
        if (prop.reader() != null) {
            String message = ValueCheck.checkAsProperty(concrete, prop.name(), value);
            if (message != null) {
                problems.atValue(path, message);
            }
            return;
        }
        check(value, path, prop.shape());
    }

    /** "task" for a property holding a list of tasks (triggers, conditions), else null. */
    private static String pluginListNoun(ModelProperty prop) {
        return prop.shape() instanceof Shape.ListOf l && Shape.of(l.element()) instanceof Shape.Plugin p
            ? noun(p.kind()) : null;
    }

    private boolean expectMapping(JsonNode node, String path, String what) {
        if (node.isObject()) {
            return true;
        }
        problems.atValue(path, "expected " + what + ", got " + ValueCheck.describe(node));
        return false;
    }

    private static ModelProperty find(List<ModelProperty> props, String key) {
        for (ModelProperty p : props) {
            if (p.answersTo(key)) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode present(ObjectNode node, ModelProperty p) {
        JsonNode v = node.get(p.name());
        for (Iterator<String> a = p.aliases().iterator(); v == null && a.hasNext(); ) {
            v = node.get(a.next());
        }
        return v;
    }

    private static List<String> names(List<ModelProperty> props) {
        List<String> names = new ArrayList<>();
        for (ModelProperty p : props) {
            names.add(p.name());
        }
        return names;
    }

    private static String noun(PluginKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String article(PluginKind kind) {
        return "a " + noun(kind);
    }

    /** "ConstantRetry" → "constant retry", "Input" → "input". */
    static String displayName(Class<?> type) {
        return DISPLAY_NAMES.computeIfAbsent(type,
            t -> WORD_START.matcher(t.getSimpleName()).replaceAll("$1 $2").toLowerCase(Locale.ROOT));
    }
}
