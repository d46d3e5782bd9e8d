package io.millrace.serde;

import io.millrace.plugin.PluginKind;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ids and namespace as Kestra accepts them: the flow id, task ids and trigger ids match
 * {@code ^[a-zA-Z0-9][a-zA-Z0-9_-]*}, the namespace {@code ^[a-z0-9][a-z0-9._-]*}; task ids are
 * unique in the whole flow (branches, errors and finally included), trigger ids among triggers.
 */
final class IdRule implements FlowRule {

    static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]*");
    static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    @Override
    public void check(CheckedFlow flow, Problems problems) {
        checkPattern(flow.root().get("id"), "id", problems);
        JsonNode namespace = flow.root().get("namespace");
        if (isText(namespace) && !NAMESPACE.matcher(namespace.asString()).matches()) {
            problems.atValue("namespace", "'" + namespace.asString() + "' is not a valid namespace: use lower-case "
                + "letters, digits, '.', '_' and '-', starting with a letter or a digit");
        }
        checkUnique(flow, PluginKind.TASK, problems);
        checkUnique(flow, PluginKind.TRIGGER, problems);
    }

    private static void checkUnique(CheckedFlow flow, PluginKind kind, Problems problems) {
        Map<String, Integer> firstLine = new HashMap<>();
        for (PluginNode p : flow.all(kind)) {
            String path = Paths.property(p.path(), "id");
            JsonNode id = p.node().get("id");
            if (!checkPattern(id, path, problems)) {
                continue;
            }
            Integer first = firstLine.putIfAbsent(id.asString(), problems.markOf(path).line());
            if (first != null) {
                problems.atValue(path, "duplicate " + kind.name().toLowerCase() + " id '" + id.asString()
                    + "' (first used at line " + first + ")");
            }
        }
    }

    /** Reports an id that does not match {@link #ID}; true when the id is a valid one. */
    static boolean checkPattern(JsonNode id, String path, Problems problems) {
        if (!isText(id)) {
            return false;
        }
        if (!ID.matcher(id.asString()).matches()) {
            problems.atValue(path, "'" + id.asString() + "' is not a valid id: use letters, digits, '_' and '-', "
                + "starting with a letter or a digit");
            return false;
        }
        return true;
    }

    static boolean isText(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() && !node.isBinary();
    }
}
