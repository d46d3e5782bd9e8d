package io.millrace.serde;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Collects the problems of one flow, giving each the position of the key or value it is about.
 * A problem found twice at the same place (a bad plugin default applied to several tasks) is kept once.
 */
final class Problems {

    private final Locations locations;
    private final List<FlowProblem> found = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();

    Problems(Locations locations) {
        this.locations = locations;
    }

    /** A problem whose position is already known (found while reading the YAML). */
    void add(FlowProblem problem) {
        add(new Locations.Mark(problem.line(), problem.column()), problem.path(), problem.message());
    }

    /** A problem about the key at {@code path} (an unknown property, a duplicate). */
    void atKey(String path, String message) {
        add(locations.ofKey(path), path, message);
    }

    /** A problem about the value at {@code path} (a wrong type, a bad expression, a missing property of a mapping). */
    void atValue(String path, String message) {
        add(locations.ofValue(path), path, message);
    }

    /** Where the value at {@code path} was written. */
    Locations.Mark markOf(String path) {
        return locations.ofValue(path);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Every problem, in the order they appear in the file. */
    List<FlowProblem> sorted() {
        List<FlowProblem> list = new ArrayList<>(found);
        list.sort(Comparator.comparingInt(FlowProblem::line).thenComparingInt(FlowProblem::column));
        return List.copyOf(list);
    }

    private void add(Locations.Mark mark, String path, String message) {
        String key = mark.line() + ":" + mark.column() + ":" + message;
        if (seen.add(key)) {
            found.add(new FlowProblem(mark.line(), mark.column(), Objects.requireNonNullElse(path, ""), message));
        }
    }
}
