package io.millrace.schedule;

import io.millrace.model.trigger.Trigger;
import io.millrace.serde.FlowParser;

/** Triggers written as users write them, parsed (and validated) by the flow parser. */
final class ScheduleTriggers {

    private static final FlowParser PARSER = new FlowParser();

    private ScheduleTriggers() {
    }

    /** The one trigger of a flow whose {@code triggers} list is {@code triggerYaml} (a list item, unindented). */
    static Trigger trigger(String triggerYaml) {
        String indented = triggerYaml.strip().indent(2);
        String flow = """
            id: scheduled
            namespace: company.team
            tasks:
              - id: log
                type: io.millrace.core.log.Log
                message: "{{ trigger.date }}"
            triggers:
            """ + indented;
        return PARSER.parse(flow).triggers().getFirst();
    }

    /** A Schedule trigger of {@code cron} in {@code zone} (null: the factory's default). */
    static Trigger cron(String cron, String zone) {
        return trigger("- id: s\n  type: io.millrace.core.trigger.Schedule\n  cron: \"" + cron + "\"\n"
            + (zone == null ? "" : "  timezone: " + zone + "\n"));
    }

    /** A Schedule trigger of a 6-field {@code cron} in {@code zone}. */
    static Trigger cronWithSeconds(String cron, String zone) {
        return trigger("- id: s\n  type: io.millrace.core.trigger.Schedule\n  withSeconds: true\n  cron: \"" + cron
            + "\"\n  timezone: " + zone + "\n");
    }
}
