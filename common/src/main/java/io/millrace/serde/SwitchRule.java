package io.millrace.serde;

import io.millrace.tasks.flow.Switch;
import tools.jackson.databind.JsonNode;

/** A Switch has something to run: at least one case or some defaults. */
final class SwitchRule implements FlowRule {

    @Override
    public void check(CheckedFlow flow, Problems problems) {
        for (PluginNode p : flow.ofType(Switch.class)) {
            if (isEmpty(p.node().get("cases")) && isEmpty(p.node().get("defaults"))) {
                problems.atValue(p.path(), "a Switch needs 'cases' or 'defaults'");
            }
        }
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || (node.isContainer() && node.isEmpty());
    }
}
