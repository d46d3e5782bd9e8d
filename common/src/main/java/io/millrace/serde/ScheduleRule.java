package io.millrace.serde;

import io.millrace.model.trigger.Schedule;
import tools.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.ZoneId;

/** A Schedule trigger's cron expression parses (see {@link CronExpressions}) and its timezone exists. */
final class ScheduleRule implements FlowRule {

    @Override
    public void check(CheckedFlow flow, Problems problems) {
        for (PluginNode p : flow.ofType(Schedule.class)) {
            JsonNode cron = p.node().get("cron");
            JsonNode withSeconds = p.node().get("withSeconds");
            if (cron != null && cron.isString()) {
                String problem = CronExpressions.problem(cron.asString(),
                    withSeconds != null && withSeconds.asBoolean(false));
                if (problem != null) {
                    problems.atValue(Paths.property(p.path(), "cron"), problem);
                }
            }
            JsonNode timezone = p.node().get("timezone");
            if (timezone != null && timezone.isString()) {
                try {
                    ZoneId.of(timezone.asString());
                } catch (DateTimeException e) {
                    problems.atValue(Paths.property(p.path(), "timezone"),
                        "'" + timezone.asString() + "' is not a time zone (e.g. Europe/Paris, UTC, +02:00)");
                }
            }
        }
    }
}
