package io.millrace.serde;

import io.millrace.plugin.PluginDescriptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flow's {@code pluginDefaults} and older {@code taskDefaults}, applied to each task, trigger and
 * condition before it is checked. A default applies when its {@code type} equals, or is a prefix
 * of, the plugin's type as written, its id or one of its aliases (so a default written with a
 * Kestra name reaches a task written with the Millrace id, and the reverse). Non-forced values fill
 * properties the plugin leaves out; forced values replace them. A default that only matches by
 * prefix sets only the properties the plugin has, since one prefix covers types of different shapes.
 */
final class PluginDefaults {

    /** One {@code {type, forced, values}} entry; {@code valuesPath} says where its values were written. */
    private record Entry(String type, boolean forced, ObjectNode values, String valuesPath) {
    }

    private final List<Entry> entries;
    private final Locations locations;

    private PluginDefaults(List<Entry> entries, Locations locations) {
        this.entries = entries;
        this.locations = locations;
    }

    /** Reads the defaults of a flow, leniently: malformed entries are left to the structure check. */
    static PluginDefaults read(ObjectNode flow, Locations locations, Problems problems) {
        List<Entry> entries = new ArrayList<>();
        for (String property : List.of("pluginDefaults", "taskDefaults")) {
            JsonNode list = flow.get(property);
            if (list == null || !list.isArray()) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String path = Paths.index(property, i);
                if (!e.isObject() || e.get("type") == null || !e.get("type").isString()
                    || !(e.get("values") instanceof ObjectNode values)) {
                    continue;
                }
                String valuesPath = Paths.property(path, "values");
                if (values.has("type")) {
                    problems.atKey(Paths.property(valuesPath, "type"), "a default cannot change the type of a plugin");
                }
                JsonNode forced = e.get("forced");
                entries.add(new Entry(e.get("type").asString(), forced != null && forced.asBoolean(false),
                    values, valuesPath));
            }
        }
        return new PluginDefaults(entries, locations);
    }

    /** Applies the defaults matching a plugin of type {@code written} (described by {@code d}) to its node. */
    void apply(PluginDescriptor d, String written, ObjectNode node, String path) {
        if (entries.isEmpty()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(written);
        names.add(d.id());
        names.addAll(d.aliases());
        for (Entry e : entries) {
            boolean exact = names.contains(e.type());
            boolean prefix = !exact && names.stream().anyMatch(n -> n.startsWith(e.type()));
            if (!exact && !prefix) {
                continue;
            }
            for (Map.Entry<String, JsonNode> value : e.values().properties()) {
                String key = value.getKey();
                if (key.equals("type") || (prefix && !declares(d, key))) {
                    continue;
                }
                if (e.forced() || !node.has(key)) {
                    node.set(key, value.getValue().deepCopy());
                    locations.copy(Paths.property(e.valuesPath(), key), Paths.property(path, key));
                }
            }
        }
    }

    private static boolean declares(PluginDescriptor d, String key) {
        return ModelProperties.of(d).stream().anyMatch(p -> p.answersTo(key));
    }
}
