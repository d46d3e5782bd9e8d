package io.millrace.serde;

import io.millrace.model.trigger.Schedule;
import io.millrace.model.trigger.ScheduleOnDates;
import io.millrace.schedule.DateTimeText;
import tools.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A Schedule's cron expression parses (see {@link CronExpressions}), a ScheduleOnDates lists dates that
 * parse, and the time zone of either exists.
 */
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
            checkTimezone(p, problems);
        }
        for (PluginNode p : flow.ofType(ScheduleOnDates.class)) {
            checkTimezone(p, problems);
            JsonNode dates = p.node().get("dates");
            if (dates == null || !dates.isArray()) {
                continue;
            }
            String path = Paths.property(p.path(), "dates");
            if (dates.isEmpty()) {
                problems.atValue(path, "'dates' needs at least one date");
            }
            for (int i = 0; i < dates.size(); i++) {
                JsonNode date = dates.get(i);
                if (date.isString()) {
                    try {
                        // the zone does not change whether a date parses
                        DateTimeText.dateTime(date.asString(), ZoneOffset.UTC);
                    } catch (IllegalArgumentException e) {
                        problems.atValue(Paths.index(path, i), e.getMessage());
                    }
                }
            }
        }
    }

    private static void checkTimezone(PluginNode p, Problems problems) {
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
