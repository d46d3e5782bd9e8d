package io.millrace.api.flows;

import io.millrace.model.FlowRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow revision as Kestra's API shows it: the flow's fields as the user wrote them, plus
 * {@code revision}, {@code disabled}, {@code deleted}, and labels as a list of {@code {key, value}}.
 */
public final class FlowJson {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private FlowJson() {
    }

    /** The flow's JSON; with {@code withSource}, its YAML source too. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(FlowRecord record, boolean withSource) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.id());
        json.put("namespace", record.namespace());
        json.put("revision", record.revision());
        try {
            Object tree = YAML.readValue(record.source(), Object.class);
            if (tree instanceof Map<?, ?> map) {
                for (var e : ((Map<String, Object>) map).entrySet()) {
                    json.putIfAbsent(e.getKey(), e.getValue());
                }
            }
        } catch (JacksonException e) {
            // deployed sources are valid; an unreadable one still shows its identity
        }
        json.put("revision", record.revision());
        json.putIfAbsent("disabled", false);
        json.put("deleted", record.deleted());
        json.put("labels", labels(json.get("labels")));
        if (record.updated() != null) {
            json.put("updated", record.updated().toString());
        }
        if (withSource) {
            json.put("source", record.source());
        }
        return json;
    }

    private static List<Map<String, Object>> labels(Object labels) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (labels instanceof Map<?, ?> map) {
            map.forEach((k, v) -> list.add(label(String.valueOf(k), v)));
        } else if (labels instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && m.containsKey("key")) {
                    list.add(label(String.valueOf(m.get("key")), m.get("value")));
                }
            }
        }
        return list;
    }

    private static Map<String, Object> label(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("value", value == null ? null : String.valueOf(value));
        return m;
    }
}
