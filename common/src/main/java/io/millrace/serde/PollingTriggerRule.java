package io.millrace.serde;

import io.millrace.model.trigger.PollingTrigger;
import io.millrace.plugin.PluginKind;
import tools.jackson.core.JacksonException;

import java.util.Map;

/**
 * A polling trigger's properties make sense together (a positive interval, a supported Kafka deserializer…):
 * what {@link PollingTrigger#problems()} finds, at the property it is about. A trigger whose properties do not
 * even bind is left to the structure check, which reports that.
 */
final class PollingTriggerRule implements FlowRule {

    @Override
    public void check(CheckedFlow flow, Problems problems) {
        for (PluginNode p : flow.all(PluginKind.TRIGGER)) {
            if (p.descriptor() == null || !PollingTrigger.class.isAssignableFrom(p.descriptor().type())) {
                continue;
            }
            PollingTrigger trigger;
            try {
                trigger = (PollingTrigger) Json.mapper().treeToValue(p.node(), p.descriptor().type());
            } catch (JacksonException | IllegalArgumentException e) {
                continue;
            }
            for (Map.Entry<String, String> problem : trigger.problems().entrySet()) {
                String name = problem.getKey();
                if (p.node().has(name)) {
                    problems.atValue(Paths.property(p.path(), name), problem.getValue());
                } else if (!required(p, name)) {
                    // about a property left out (topic or topicPattern): say so at the trigger
                    problems.atValue(p.path(), name + ": " + problem.getValue());
                }
            }
        }
    }

    /** Whether a missing {@code name} is already reported as a required property. */
    private static boolean required(PluginNode p, String name) {
        return p.descriptor().properties().stream().anyMatch(d -> d.name().equals(name) && d.required());
    }
}
