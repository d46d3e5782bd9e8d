package io.millrace.serde;

import io.millrace.plugin.PluginKind;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** A flow's tree once its structure was walked: what the checks across the flow read. */
record CheckedFlow(ObjectNode root, List<PluginNode> plugins) {

    /** The tasks, triggers or conditions, in document order. */
    List<PluginNode> all(PluginKind kind) {
        return plugins.stream().filter(p -> p.kind() == kind).toList();
    }

    /** The known plugins implemented by {@code type}. */
    List<PluginNode> ofType(Class<?> type) {
        return plugins.stream().filter(p -> p.is(type)).toList();
    }
}
