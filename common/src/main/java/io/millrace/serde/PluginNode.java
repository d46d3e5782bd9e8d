package io.millrace.serde;

import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task, trigger or condition met while checking a flow, for the checks that look across the flow
 * (ids, Dag dependencies…). {@code descriptor} is null when its type is missing or unknown.
 */
record PluginNode(PluginKind kind, PluginDescriptor descriptor, ObjectNode node, String path) {

    /** Whether it is a known type implemented by {@code type}. */
    boolean is(Class<?> type) {
        return descriptor != null && descriptor.type() == type;
    }
}
