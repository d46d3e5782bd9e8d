package io.millrace.api.web.plugins;

import io.millrace.api.security.Permission;
import io.millrace.api.security.Permission.Scope;
import io.millrace.api.security.Role;
import io.millrace.api.web.ApiException;
import io.millrace.docs.FlowSchema;
import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import io.millrace.serde.Json;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task, trigger and condition types this installation knows, on Kestra's paths: the list
 * grouped by package, one type with its documentation and JSON Schema, and the flow schema.
 */
@RestController
@RequestMapping("/api/v1/plugins")
public class PluginController {

    private final Catalogue catalogue = Catalogue.get();
    private volatile JsonNode flowSchema;

    /** Every type, grouped by the package of its id, each group listing its tasks, triggers and conditions. */
    @GetMapping
    @Permission(value = Role.VIEWER, action = "read plugins", scope = Scope.NONE)
    public List<Map<String, Object>> list() {
        Map<String, Map<PluginKind, List<String>>> groups = new TreeMap<>();
        for (PluginKind kind : PluginKind.values()) {
            for (PluginDescriptor d : catalogue.all(kind)) {
                groups.computeIfAbsent(group(d.id()), g -> new LinkedHashMap<>())
                    .computeIfAbsent(kind, k -> new ArrayList<>()).add(d.id());
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        groups.forEach((group, kinds) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("group", group);
            g.put("tasks", kinds.getOrDefault(PluginKind.TASK, List.of()));
            g.put("triggers", kinds.getOrDefault(PluginKind.TRIGGER, List.of()));
            g.put("conditions", kinds.getOrDefault(PluginKind.CONDITION, List.of()));
            result.add(g);
        });
        return result;
    }

    /** The JSON Schema of a whole flow. */
    @GetMapping("/schemas/flow")
    @Permission(value = Role.VIEWER, action = "read plugins", scope = Scope.NONE)
    public JsonNode flow() {
        JsonNode schema = flowSchema;
        if (schema == null) {
            schema = Json.tree(FlowSchema.generate(catalogue));
            flowSchema = schema;
        }
        return schema;
    }

    /**
     * One type by its id or any alias (Kestra's names included): kind, names, title, example,
     * documentation as Markdown and its JSON Schema. 404 with the closest names when unknown.
     */
    @GetMapping("/{type}")
    @Permission(value = Role.VIEWER, action = "read plugins", scope = Scope.NONE)
    public Map<String, Object> type(@PathVariable String type) {
        for (PluginKind kind : PluginKind.values()) {
            PluginDescriptor d = catalogue.find(kind, type);
            if (d != null) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("cls", d.id());
                result.put("kind", kind.name().toLowerCase(Locale.ROOT));
                result.put("aliases", d.aliases());
                result.put("title", d.title());
                result.put("example", d.example());
                result.put("markdown", "# " + d.id() + "\n\n" + d.title() + "\n\n```yaml\n" + d.example()
                    + (d.example().endsWith("\n") ? "" : "\n") + "```\n");
                result.put("schema", FlowSchema.of(catalogue, d));
                return result;
            }
        }
        List<String> near = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            near.addAll(catalogue.nearest(kind, type, 3));
        }
        throw ApiException.notFound("no task, trigger or condition type '" + type + "'"
            + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near.subList(0, Math.min(5, near.size()))) + "?"));
    }

    private static String group(String id) {
        int dot = id.lastIndexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }
}
