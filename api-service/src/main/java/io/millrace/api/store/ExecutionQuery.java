package io.millrace.api.store;

import io.millrace.model.execution.ExecutionStatus;

import java.time.Instant;
import java.util.List;
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
 * @param within     namespace prefixes the caller may see (each also matching the namespaces under it); empty for all
 */
public record ExecutionQuery(String namespace, String flowId, Set<ExecutionStatus> states, Map<String, String> labels,
                             Instant startAfter, Instant startBefore, String text, List<String> within) {

    public ExecutionQuery {
        states = states == null ? Set.of() : Set.copyOf(states);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        within = within == null ? List.of() : List.copyOf(within);
    }

    /** A query over every namespace. */
    public ExecutionQuery(String namespace, String flowId, Set<ExecutionStatus> states, Map<String, String> labels,
                          Instant startAfter, Instant startBefore, String text) {
        this(namespace, flowId, states, labels, startAfter, startBefore, text, List.of());
    }

    /** This query, kept to the namespaces under {@code prefixes} (empty for all). */
    public ExecutionQuery within(List<String> prefixes) {
        return new ExecutionQuery(namespace, flowId, states, labels, startAfter, startBefore, text, prefixes);
    }

    public static ExecutionQuery all() {
        return new ExecutionQuery(null, null, null, null, null, null, null);
    }
}
