package io.millrace.serde;

import io.millrace.tasks.flow.Dag;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Dag's {@code dependsOn} names tasks of the same Dag, and its dependencies have no cycle. */
final class DagRule implements FlowRule {

    /** A dependency as written: the task that waits, the task it waits for, where it was written. */
    private record Edge(String from, String to, String path) {
    }

    @Override
    public void check(CheckedFlow flow, Problems problems) {
        for (PluginNode dag : flow.ofType(Dag.class)) {
            JsonNode tasks = dag.node().get("tasks");
            if (tasks != null && tasks.isArray()) {
                checkDag(tasks, Paths.property(dag.path(), "tasks"), problems);
            }
        }
    }

    private static void checkDag(JsonNode tasks, String path, Problems problems) {
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : tasks) {
            String id = taskId(entry);
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, List<Edge>> edges = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode entry = tasks.get(i);
            String id = taskId(entry);
            JsonNode dependsOn = entry.isObject() ? entry.get("dependsOn") : null;
            if (id == null || dependsOn == null || !dependsOn.isArray()) {
                continue;
            }
            String depsPath = Paths.property(Paths.index(path, i), "dependsOn");
            for (int j = 0; j < dependsOn.size(); j++) {
                JsonNode dep = dependsOn.get(j);
                if (!IdRule.isText(dep)) {
                    continue;
                }
                String depPath = Paths.index(depsPath, j);
                if (!ids.contains(dep.asString())) {
                    problems.atValue(depPath, "task '" + id + "' depends on '" + dep.asString()
                        + "', which is not a task of this Dag");
                } else {
                    edges.computeIfAbsent(id, k -> new ArrayList<>()).add(new Edge(id, dep.asString(), depPath));
                }
            }
        }
        new CycleFinder(edges, problems).run();
    }

    private static String taskId(JsonNode entry) {
        JsonNode task = entry.isObject() ? entry.get("task") : null;
        JsonNode id = task != null && task.isObject() ? task.get("id") : null;
        return IdRule.isText(id) ? id.asString() : null;
    }

    /** Depth-first search reporting each dependency that closes a cycle, with the cycle it closes. */
    private static final class CycleFinder {
        private final Map<String, List<Edge>> edges;
        private final Problems problems;
        private final Map<String, Boolean> state = new HashMap<>(); // false: on the stack, true: done
        private final List<String> stack = new ArrayList<>();

        CycleFinder(Map<String, List<Edge>> edges, Problems problems) {
            this.edges = edges;
            this.problems = problems;
        }

        void run() {
            for (String id : edges.keySet()) {
                if (!state.containsKey(id)) {
                    visit(id);
                }
            }
        }

        private void visit(String id) {
            state.put(id, false);
            stack.add(id);
            for (Edge e : edges.getOrDefault(id, List.of())) {
                Boolean s = state.get(e.to());
                if (s == null) {
                    visit(e.to());
                } else if (!s) {
                    List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(e.to()), stack.size()));
                    cycle.add(e.to());
                    problems.atValue(e.path(), "dependency cycle: " + String.join(" -> ", cycle));
                }
            }
            stack.removeLast();
            state.put(id, true);
        }
    }
}
