package io.millrace.model.execution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A current state and the history that led to it, in the shape Kestra's API users know
 * ({@code current}, {@code histories[]}, {@code startDate}, {@code endDate}, {@code duration}).
 * Immutable: {@link #to} returns a new value; callers check legality with a transition table first.
 */
@JsonIgnoreProperties(value = {"startDate", "endDate", "duration"}, allowGetters = true)
public record State<S extends Enum<S>>(S current, List<StateChange<S>> histories) {

    public State {
        histories = List.copyOf(histories);
    }

    /** A history that starts in {@code initial} at {@code at}. */
    public static <S extends Enum<S>> State<S> of(S initial, Instant at) {
        return new State<>(initial, List.of(new StateChange<>(initial, at)));
    }

    /** This history followed by {@code next} at {@code at}. */
    public State<S> to(S next, Instant at) {
        List<StateChange<S>> h = new ArrayList<>(histories.size() + 1);
        h.addAll(histories);
        h.add(new StateChange<>(next, at));
        return new State<>(next, h);
    }

    /** When the first state was entered. */
    @JsonProperty("startDate")
    public Instant startDate() {
        return histories.isEmpty() ? null : histories.getFirst().date();
    }

    /** When the last state was entered, if it is terminal according to {@code terminal}. */
    @JsonProperty("endDate")
    public Instant endDate() {
        if (histories.isEmpty() || !isTerminalState(current)) {
            return null;
        }
        return histories.getLast().date();
    }

    /** Time from the first state to the end, or to the last change while still running. */
    @JsonProperty("duration")
    public Duration duration() {
        if (histories.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.between(histories.getFirst().date(), histories.getLast().date());
    }

    /** When {@code state} was last entered, or null. */
    public Instant lastDateOf(S state) {
        for (int i = histories.size() - 1; i >= 0; i--) {
            if (histories.get(i).state() == state) {
                return histories.get(i).date();
            }
        }
        return null;
    }

    /** How many times {@code state} was entered. */
    public long count(S state) {
        return histories.stream().filter(h -> h.state() == state).count();
    }

    @JsonIgnore
    public boolean isTerminal() {
        return isTerminalState(current);
    }

    private static boolean isTerminalState(Enum<?> s) {
        if (s instanceof ExecutionStatus e) {
            return e.isTerminal();
        }
        if (s instanceof TaskRunStatus t) {
            return t.isTerminal();
        }
        return false;
    }
}
