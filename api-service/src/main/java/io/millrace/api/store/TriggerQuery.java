package io.millrace.api.store;

import java.util.List;

/**
 * Filters of a trigger search; every null filter matches everything.
 *
 * @param namespace      the namespace, and any namespace under it unless {@code exactNamespace}
 * @param flowId         exact flow id
 * @param text           free text over namespace, flow id, trigger id and type
 * @param exactNamespace whether {@code namespace} matches itself only, not the namespaces under it
 * @param within         namespace prefixes the caller may see (each also matching the namespaces under it); empty for all
 */
public record TriggerQuery(String namespace, String flowId, String text, boolean exactNamespace, List<String> within) {

    public TriggerQuery {
        within = within == null ? List.of() : List.copyOf(within);
    }

    /** A query over every namespace. */
    public TriggerQuery(String namespace, String flowId, String text, boolean exactNamespace) {
        this(namespace, flowId, text, exactNamespace, List.of());
    }

    /** This query, kept to the namespaces under {@code prefixes} (empty for all). */
    public TriggerQuery within(List<String> prefixes) {
        return new TriggerQuery(namespace, flowId, text, exactNamespace, prefixes);
    }

    /** A query whose namespace filter also matches the namespaces under it. */
    public TriggerQuery(String namespace, String flowId, String text) {
        this(namespace, flowId, text, false);
    }
}
