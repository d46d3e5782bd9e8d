package io.millrace.serde;

import io.millrace.model.Label;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads labels written either as a map ({@code team: data}) or as a list of {@code {key, value}}. */
public final class LabelsDeserializer extends ValueDeserializer<List<Label>> {

    @Override
    public List<Label> deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonNode node = ctxt.readTree(p);
        List<Label> labels = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                labels.add(new Label(e.getKey(), text(e.getValue())));
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isObject() || !item.has("key")) {
                    return ctxt.reportInputMismatch(List.class, "a label must be a {key, value} object");
                }
                labels.add(new Label(item.get("key").asString(), text(item.get("value"))));
            }
        } else if (!node.isNull()) {
            return ctxt.reportInputMismatch(List.class, "labels must be a map or a list of {key, value}");
        }
        return labels;
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asString() : v.toString();
    }
}
