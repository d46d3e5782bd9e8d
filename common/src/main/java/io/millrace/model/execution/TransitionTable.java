package io.millrace.model.execution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The legal state changes of one state machine, declared as data (from, to, why).
 * Every change goes through {@link #check}; the table remembers which transitions were taken, so a
 * test can fail when a declared transition is never exercised, and {@link #mermaid} draws the
 * diagram from the same data, so the documentation cannot drift from the code.
 */
public final class TransitionTable<S extends Enum<S>> {

    /** One declared transition and the reason it exists. */
    public record Transition<S extends Enum<S>>(S from, S to, String why) {
    }

    private final String name;
    private final Class<S> type;
    private final Map<S, Map<S, Transition<S>>> byFrom;
    private final List<Transition<S>> declared;
    private final Set<Transition<S>> exercised = ConcurrentHashMap.newKeySet();

    private TransitionTable(String name, Class<S> type, List<Transition<S>> declared) {
        this.name = name;
        this.type = type;
        this.declared = List.copyOf(declared);
        this.byFrom = new EnumMap<>(type);
        for (Transition<S> t : declared) {
            Map<S, Transition<S>> targets = byFrom.computeIfAbsent(t.from(), k -> new EnumMap<>(type));
            if (targets.put(t.to(), t) != null) {
                throw new IllegalArgumentException(name + ": transition " + t.from() + " -> " + t.to() + " declared twice");
            }
        }
    }

    /** Starts a table for the states of {@code type}. */
    public static <S extends Enum<S>> Builder<S> builder(String name, Class<S> type) {
        return new Builder<>(name, type);
    }

    /** Whether {@code from -> to} is declared. */
    public boolean allows(S from, S to) {
        Map<S, Transition<S>> targets = byFrom.get(from);
        return targets != null && targets.containsKey(to);
    }

    /**
     * Checks that {@code from -> to} is declared and records it as exercised.
     *
     * @throws IllegalTransitionException when it is not declared: a bug in the caller, never a user error
     */
    public void check(S from, S to) {
        Map<S, Transition<S>> targets = byFrom.get(from);
        Transition<S> t = targets == null ? null : targets.get(to);
        if (t == null) {
            throw new IllegalTransitionException(name + ": illegal transition " + from + " -> " + to
                + " (allowed from " + from + ": " + (targets == null ? "none" : targets.keySet()) + ")");
        }
        exercised.add(t);
    }

    /** The declared transitions, in declaration order. */
    public List<Transition<S>> declared() {
        return declared;
    }

    /** Declared transitions that {@link #check} has not seen in this JVM. */
    public List<Transition<S>> neverExercised() {
        List<Transition<S>> missing = new ArrayList<>();
        for (Transition<S> t : declared) {
            if (!exercised.contains(t)) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** Transitions taken so far in this JVM. */
    public Set<Transition<S>> exercised() {
        return Collections.unmodifiableSet(exercised);
    }

    /** States that no declared transition leaves. */
    public Set<S> finalStates() {
        EnumSet<S> result = EnumSet.noneOf(type);
        for (S s : type.getEnumConstants()) {
            if (!byFrom.containsKey(s)) {
                result.add(s);
            }
        }
        return result;
    }

    public String name() {
        return name;
    }

    /** A Mermaid state diagram of the table. */
    public String mermaid() {
        StringBuilder sb = new StringBuilder("stateDiagram-v2\n");
        Map<S, Boolean> reachable = new LinkedHashMap<>();
        for (Transition<S> t : declared) {
            reachable.put(t.to(), true);
        }
        for (S s : type.getEnumConstants()) {
            if (!reachable.containsKey(s) && byFrom.containsKey(s)) {
                sb.append("    [*] --> ").append(s.name()).append('\n');
            }
        }
        for (Transition<S> t : declared) {
            sb.append("    ").append(t.from().name()).append(" --> ").append(t.to().name())
                .append(" : ").append(t.why()).append('\n');
        }
        for (S s : finalStates()) {
            if (reachable.containsKey(s)) {
                sb.append("    ").append(s.name()).append(" --> [*]\n");
            }
        }
        return sb.toString();
    }

    /** Collects the transitions of a table. */
    public static final class Builder<S extends Enum<S>> {
        private final String name;
        private final Class<S> type;
        private final List<Transition<S>> transitions = new ArrayList<>();

        private Builder(String name, Class<S> type) {
            this.name = name;
            this.type = type;
        }

        /** Declares {@code from -> to}, with the reason it happens (shown on the diagram). */
        public Builder<S> add(S from, S to, String why) {
            transitions.add(new Transition<>(from, to, why));
            return this;
        }

        public TransitionTable<S> build() {
            return new TransitionTable<>(name, type, transitions);
        }
    }
}
