package io.millrace.serde;

import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The basics of input declarations: a valid id (Kestra's {@code ^[a-zA-Z0-9][.a-zA-Z0-9_-]*}, the
 * older {@code name} accepted), unique ids, and the companion property some types cannot do
 * without. Checking input values is the job of the input service, not of the parser.
 */
final class InputRule implements FlowRule {

    private static final Pattern INPUT_ID = Pattern.compile("[a-zA-Z0-9][.a-zA-Z0-9_-]*");
    private static final Set<String> NEED_VALUES = Set.of("ENUM", "SELECT", "MULTISELECT");

    @Override
    public void check(CheckedFlow flow, Problems problems) {
        JsonNode inputs = flow.root().get("inputs");
        if (inputs == null || !inputs.isArray()) {
            return;
        }
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            String path = Paths.index("inputs", i);
            if (!input.isObject()) {
                continue;
            }
            String key = input.has("id") ? "id" : "name";
            JsonNode id = input.get(key);
            String idPath = Paths.property(path, key);
            if (IdRule.isText(id)) {
                if (!INPUT_ID.matcher(id.asString()).matches()) {
                    problems.atValue(idPath, "'" + id.asString() + "' is not a valid input id: use letters, digits, "
                        + "'.', '_' and '-', starting with a letter or a digit");
                } else {
                    Integer first = firstLine.putIfAbsent(id.asString(), problems.markOf(idPath).line());
                    if (first != null) {
                        problems.atValue(idPath, "duplicate input id '" + id.asString() + "' (first used at line " + first + ")");
                    }
                }
            }
            checkCompanions(input, path, problems);
        }
    }

    private static void checkCompanions(JsonNode input, String path, Problems problems) {
        JsonNode type = input.get("type");
        if (type == null || !type.isString()) {
            return;
        }
        String t = type.asString();
        if (NEED_VALUES.contains(t) && absent(input, "values") && absent(input, "options")) {
            problems.atValue(path, "an input of type " + t + " needs 'values', the choices it accepts");
        }
        if (t.equals("ARRAY") && absent(input, "itemType")) {
            problems.atValue(path, "an input of type ARRAY needs 'itemType', the type of its elements");
        }
    }

    private static boolean absent(JsonNode input, String property) {
        JsonNode v = input.get(property);
        return v == null || v.isNull();
    }
}
