package io.millrace.serde;

import io.millrace.model.input.Input;
import io.millrace.model.input.InputValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Input declarations: a valid id (Kestra's {@code ^[a-zA-Z0-9][.a-zA-Z0-9_-]*}, the older
 * {@code name} accepted), unique ids, and what {@link InputValues#checkDeclaration} finds in each
 * (a type's required companions, constraints that do not apply, a default that does not fit).
 */
final class InputRule implements FlowRule {

    private static final Pattern INPUT_ID = Pattern.compile("[a-zA-Z0-9][.a-zA-Z0-9_-]*");

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
            checkDeclaration(input, path, problems);
        }
    }

    /** The declaration's own problems (type requirements, constraints, default), at the input. */
    private static void checkDeclaration(JsonNode input, String path, Problems problems) {
        Input declared;
        try {
            declared = Json.mapper().treeToValue(input, Input.class);
        } catch (JacksonException e) {
            return; // the structure check already reported what keeps it from binding
        }
        for (String message : InputValues.checkDeclaration(declared)) {
            problems.atValue(path, message);
        }
    }
}
