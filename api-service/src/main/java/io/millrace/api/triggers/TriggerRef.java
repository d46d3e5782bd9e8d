package io.millrace.api.triggers;

import io.millrace.api.web.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which trigger a request means: its flow's namespace and id and its own id, as Kestra's trigger bodies
 * name them (any other field of the body is ignored).
 */
public record TriggerRef(String namespace, String flowId, String triggerId) {

    /** The trigger a JSON body names; 400 naming the missing fields. */
    public static TriggerRef of(Map<?, ?> body, String where) {
        if (body == null) {
            throw ApiException.badRequest(where + ": a trigger ({namespace, flowId, triggerId}) is required");
        }
        List<String> missing = new ArrayList<>();
        String namespace = text(body, "namespace", missing);
        String flowId = text(body, "flowId", missing);
        String triggerId = text(body, "triggerId", missing);
        if (!missing.isEmpty()) {
            throw ApiException.badRequest(where + ": " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                + " required");
        }
        return new TriggerRef(namespace, flowId, triggerId);
    }

    /** The triggers of a JSON array body. */
    public static List<TriggerRef> list(List<?> body, String where) {
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest(where + ": a list of triggers ({namespace, flowId, triggerId}) is required");
        }
        List<TriggerRef> refs = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            if (!(body.get(i) instanceof Map<?, ?> item)) {
                throw ApiException.badRequest(where + "[" + i + "]: a trigger ({namespace, flowId, triggerId}) is required");
            }
            refs.add(of(item, where + "[" + i + "]"));
        }
        return refs;
    }

    private static String text(Map<?, ?> body, String field, List<String> missing) {
        Object value = body.get(field);
        if (value == null || value.toString().isBlank()) {
            missing.add(field);
            return null;
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return "trigger " + triggerId + " of flow " + namespace + "." + flowId;
    }
}
