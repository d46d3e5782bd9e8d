package io.millrace.runtime;

import io.millrace.serde.Json;
import io.millrace.tasks.Task;
import tools.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a task's own templates read, found once per task definition: which tasks' outputs, and
 * whether it needs the error logs. A task sent to a worker then carries only those outputs,
 * so its record stays small however large the execution grows.
 *
 * @param outputTaskIds the task ids referenced as {@code outputs.id} or {@code outputs['id']};
 *                      null means "all" (a dynamic reference, or {@code render()} of other text)
 */
public record TemplateUsage(Set<String> outputTaskIds, boolean errorLogs) {

    private static final Pattern OUTPUTS = Pattern.compile("\\boutputs\\b");
    private static final Pattern STATIC_REF = Pattern.compile(
        "outputs\\s*(?:\\.\\s*([A-Za-z0-9_]+)|\\[\\s*(['\"])([^'\"]+)\\2\\s*])");
    private static final Pattern RENDER_CALL = Pattern.compile("\\brender(?:Once)?\\s*\\(");

    private static final Map<Task, TemplateUsage> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    /** Everything: used where the templates are not known in advance (flow outputs, triggers). */
    public static final TemplateUsage ALL = new TemplateUsage(null, true);

    /** The usage of {@code task}'s own properties (not those of its child tasks). */
    public static TemplateUsage of(Task task) {
        TemplateUsage cached = CACHE.get(task);
        if (cached == null) {
            cached = scan(Json.mapper().valueToTree(task), true);
            CACHE.put(task, cached);
        }
        return cached;
    }

    /** The usage of arbitrary template text. */
    public static TemplateUsage ofText(String text) {
        Acc acc = new Acc();
        acc.text(text);
        return acc.result();
    }

    private static TemplateUsage scan(JsonNode root, boolean skipChildTasks) {
        Acc acc = new Acc();
        walk(root, true, skipChildTasks, acc);
        return acc.result();
    }

    private static void walk(JsonNode node, boolean isRoot, boolean skipChildTasks, Acc acc) {
        if (node.isString()) {
            acc.text(node.asString());
        } else if (node.isObject()) {
            if (!isRoot && skipChildTasks && node.has("id") && node.has("type")) {
                return; // a child task: its templates are rendered in its own context
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                acc.text(e.getKey());
                walk(e.getValue(), false, skipChildTasks, acc);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                walk(item, false, skipChildTasks, acc);
            }
        }
    }

    /** Whether outputs of {@code taskId} must be provided. */
    public boolean needsOutputsOf(String taskId) {
        return outputTaskIds == null || outputTaskIds.contains(taskId);
    }

    private static final class Acc {
        final Set<String> ids = new LinkedHashSet<>();
        boolean all;
        boolean errorLogs;

        void text(String s) {
            if (s == null || !(s.contains("{{") || s.contains("{%"))) {
                return;
            }
            if (s.contains("errorLogs")) {
                errorLogs = true;
            }
            if (RENDER_CALL.matcher(s).find()) {
                all = true;
                return;
            }
            Matcher m = OUTPUTS.matcher(s);
            while (m.find()) {
                Matcher ref = STATIC_REF.matcher(s);
                ref.region(m.start(), s.length());
                if (ref.lookingAt()) {
                    ids.add(ref.group(1) != null ? ref.group(1) : ref.group(3));
                } else {
                    all = true;
                }
            }
        }

        TemplateUsage result() {
            return new TemplateUsage(all ? null : Set.copyOf(ids), errorLogs);
        }
    }
}
