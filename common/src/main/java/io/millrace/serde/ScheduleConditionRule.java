package io.millrace.serde;

import io.millrace.model.condition.DateCondition;
import io.millrace.model.condition.DateTimeBetweenCondition;
import io.millrace.model.condition.TimeBetweenCondition;
import io.millrace.model.trigger.ScheduledTrigger;
import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginKind;
import io.millrace.schedule.DateTimeText;
import io.millrace.schedule.ScheduleConditions;
import tools.jackson.databind.JsonNode;

import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The conditions of a Schedule or ScheduleOnDates (nested ones in Not and Or included) are schedule
 * conditions, and their dates and times read, so that a flow the scheduler cannot evaluate is refused
 * when it is saved rather than when it should fire.
 */
final class ScheduleConditionRule implements FlowRule {

    private static final String ACCEPTED = Catalogue.get().all(PluginKind.CONDITION).stream()
        .filter(d -> ScheduleConditions.TYPES.contains(d.type()))
        .map(d -> d.id().substring(d.id().lastIndexOf('.') + 1))
        .collect(Collectors.joining(", "));

    @Override
    public void check(CheckedFlow flow, Problems problems) {
        List<PluginNode> triggers = flow.all(PluginKind.TRIGGER).stream()
            .filter(t -> t.descriptor() != null && ScheduledTrigger.class.isAssignableFrom(t.descriptor().type()))
            .toList();
        for (PluginNode trigger : triggers) {
            String prefix = Paths.property(trigger.path(), "conditions") + "[";
            String triggerName = simpleName(trigger.descriptor().id());
            for (PluginNode c : flow.all(PluginKind.CONDITION)) {
                if (c.descriptor() == null || !c.path().startsWith(prefix)) {
                    continue;
                }
                if (!ScheduleConditions.TYPES.contains(c.descriptor().type())) {
                    problems.atValue(Paths.property(c.path(), "type"), simpleName(c.descriptor().id())
                        + " cannot be used in a " + triggerName + " trigger; its conditions can be " + ACCEPTED);
                    continue;
                }
                checkValues(c, problems);
            }
        }
    }

    private static void checkValues(PluginNode c, Problems problems) {
        Class<?> type = c.descriptor().type();
        if (DateCondition.class.isAssignableFrom(type)) {
            JsonNode date = c.node().get("date");
            if (date != null && date.isString() && !DateTimeText.isScheduledDate(date.asString())) {
                try {
                    DateTimeText.dateTime(date.asString(), ZoneOffset.UTC);
                } catch (IllegalArgumentException e) {
                    problems.atValue(Paths.property(c.path(), "date"), "'" + date.asString()
                        + "' is not supported: leave date out or write {{ trigger.date }} for the scheduled date, or "
                        + DateTimeText.DATE_TIME_FORMATS);
                }
            }
        }
        if (type == TimeBetweenCondition.class) {
            checkBounds(c, problems, true);
        } else if (type == DateTimeBetweenCondition.class) {
            checkBounds(c, problems, false);
        }
    }

    private static void checkBounds(PluginNode c, Problems problems, boolean times) {
        JsonNode after = c.node().get("after");
        JsonNode before = c.node().get("before");
        if (absent(after) && absent(before)) {
            problems.atValue(c.path(), simpleName(c.descriptor().id()) + " needs 'after', 'before' or both");
            return;
        }
        Boolean afterHasOffset = bound(c, "after", after, times, problems);
        Boolean beforeHasOffset = bound(c, "before", before, times, problems);
        if (times && afterHasOffset != null && beforeHasOffset != null && !afterHasOffset.equals(beforeHasOffset)) {
            problems.atValue(Paths.property(c.path(), "before"),
                "'after' and 'before' must both have an offset or both have none");
        }
    }

    /** Whether the bound has an offset, or null when it is absent or wrong (then reported). */
    private static Boolean bound(PluginNode c, String name, JsonNode value, boolean time, Problems problems) {
        if (absent(value) || !value.isString()) {
            return null;
        }
        try {
            if (time) {
                return DateTimeText.time(value.asString()).offset() != null;
            }
            DateTimeText.dateTime(value.asString(), ZoneOffset.UTC);
            return Boolean.TRUE;
        } catch (IllegalArgumentException e) {
            problems.atValue(Paths.property(c.path(), name), e.getMessage());
            return null;
        }
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String simpleName(String id) {
        return id.substring(id.lastIndexOf('.') + 1);
    }
}
