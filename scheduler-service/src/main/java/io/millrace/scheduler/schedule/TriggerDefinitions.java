package io.millrace.scheduler.schedule;

import io.millrace.model.trigger.PollingTrigger;
import io.millrace.schedule.FireCalendars;
import io.millrace.model.trigger.Trigger;
import io.millrace.serde.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which triggers are the scheduler's (schedules and polling triggers; webhooks are the api's and Flow
 * triggers the executor's), and their declarations as JSON and back. Binding a declaration again is
 * cached by the caller ({@link TriggerRules}).
 */
public final class TriggerDefinitions {

    /** The properties that decide when a trigger fires: a change to any of them recomputes its next date. */
    private static final Set<String> TIMING = Set.of("type", "cron", "withSeconds", "timezone", "conditions",
        "dates", "interval");

    private TriggerDefinitions() {
    }

    /** Whether the scheduler fires {@code trigger}. */
    public static boolean scheduled(Trigger trigger) {
        return FireCalendars.isScheduled(trigger) || trigger instanceof PollingTrigger;
    }

    /** The trigger as JSON. */
    public static Map<String, Object> toJson(Trigger trigger) {
        return new LinkedHashMap<>(Json.toMap(trigger));
    }

    /** The trigger a declaration describes. */
    public static Trigger bind(Map<String, Object> definition) {
        return Json.convert(definition, Trigger.class);
    }

    /** Whether the two declarations fire at the same dates. */
    public static boolean sameTiming(Map<String, Object> a, Map<String, Object> b) {
        for (String property : TIMING) {
            if (!Objects.equals(a.get(property), b.get(property))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the declaration itself (the flow's source) disables the trigger. */
    public static boolean disabledInFlow(Map<String, Object> definition) {
        return Boolean.TRUE.equals(definition.get("disabled"));
    }
}
