package io.millrace.api.store;

import io.millrace.model.execution.ExecutionStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Filters of an execution search; every null or empty filter matches everything.
 *
 * @param namespace  the namespace or any namespace under it ({@code company} matches {@code company.team})
 * @param flowId     exact flow id
 * @param states     current state in this set
 * @param labels     every label key with exactly this value
 * @param startAfter execution started at or after
 * @param startBefore execution started before
 * @param text       free text over id, namespace, flow id and label values
 */
public record ExecutionQuery(String namespace, String flowId, Set<ExecutionStatus> states, Map<String, String> labels,
                             Instant startAfter, Instant startBefore, String text) {

    public ExecutionQuery {
        states = states == null ? Set.of() : Set.copyOf(states);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static ExecutionQuery all() {
        return new ExecutionQuery(null, null, null, null, null, null, null);
    }
}
