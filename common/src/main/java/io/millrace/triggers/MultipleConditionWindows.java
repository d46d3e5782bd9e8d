package io.millrace.triggers;

import io.millrace.model.command.CreateExecution;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The window logic of MultipleConditions, as a pure function of a trigger's {@link TriggerWindows}
 * and one {@link WindowMatch}: the match is recorded in the window that contains {@code now}; when
 * every named condition of every MultipleCondition of the trigger has matched within its window,
 * the trigger fires and those windows start over empty.
 */
public final class MultipleConditionWindows {

    private MultipleConditionWindows() {
    }

    /** What applying a match did: the new state, and the start to send if the trigger fired. */
    public record Decision(TriggerWindows state, boolean fired, CreateExecution start, String skipReason) {
    }

    /**
     * Applies {@code match} at {@code now} (the end of its execution, so that a replay decides the
     * same). A match older than the window already held is late: it no longer counts. A fire whose
     * start could not be built (inputs that do not render) resets the windows all the same and
     * reports why in {@code skipReason}.
     */
    public static Decision apply(TriggerWindows state, WindowMatch match, Instant now) {
        TriggerWindows current = state == null ? TriggerWindows.EMPTY : state;
        Map<String, TriggerWindows.ConditionWindow> next = new LinkedHashMap<>(current.conditions());
        for (WindowMatch.ConditionProgress p : match.conditions()) {
            Window w = Window.of(p.window(), p.windowAdvance(), now);
            TriggerWindows.ConditionWindow held = next.get(p.id());
            if (held != null && held.start().isAfter(w.start())) {
                continue; // late: its window has already passed
            }
            if (held == null || !held.start().equals(w.start())) {
                held = new TriggerWindows.ConditionWindow(w.start(), w.end(), Map.of());
            }
            for (String name : p.matched()) {
                if (p.names().contains(name)) {
                    held = held.with(name, match.executionId());
                }
            }
            next.put(p.id(), held);
        }
        StringJoiner windowStarts = new StringJoiner(",");
        for (WindowMatch.ConditionProgress p : match.conditions()) {
            TriggerWindows.ConditionWindow held = next.get(p.id());
            if (held == null || !held.contains(now) || !held.matched().keySet().containsAll(p.names())) {
                return new Decision(new TriggerWindows(next), false, null, null);
            }
            windowStarts.add(p.id() + "@" + held.start());
        }
        for (WindowMatch.ConditionProgress p : match.conditions()) {
            next.remove(p.id());
        }
        TriggerWindows reset = new TriggerWindows(next);
        if (match.start() == null) {
            return new Decision(reset, true, null, match.inputsError());
        }
        return new Decision(reset, true, TriggeredStart.inWindows(match.start(), windowStarts.toString()), null);
    }
}
