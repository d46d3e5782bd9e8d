package io.millrace.triggers;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one Flow trigger remembers of its MultipleConditions (the value of the window store, keyed
 * {@code namespace/flowId/triggerId}): for each MultipleCondition id, its current window and which
 * of its named conditions matched in it.
 */
public record TriggerWindows(Map<String, ConditionWindow> conditions) {

    /** Nothing matched yet. */
    public static final TriggerWindows EMPTY = new TriggerWindows(Map.of());

    public TriggerWindows {
        conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
    }

    /**
     * One MultipleCondition in one window.
     *
     * @param matched the names matched so far, each with the first execution that matched it
     */
    public record ConditionWindow(Instant start, Instant end, Map<String, String> matched) {

        public ConditionWindow {
            matched = matched == null ? Map.of() : Map.copyOf(matched);
        }

        /** Whether {@code at} falls in this window. */
        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }

        /** This window with {@code name} matched by {@code executionId}, unless an earlier execution did. */
        ConditionWindow with(String name, String executionId) {
            if (matched.containsKey(name)) {
                return this;
            }
            Map<String, String> m = new LinkedHashMap<>(matched);
            m.put(name, executionId);
            return new ConditionWindow(start, end, m);
        }
    }
}
