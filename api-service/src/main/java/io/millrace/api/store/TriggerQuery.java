package io.millrace.api.store;

/**
 * Filters of a trigger search; every null filter matches everything.
 *
 * @param namespace      the namespace, and any namespace under it unless {@code exactNamespace}
 * @param flowId         exact flow id
 * @param text           free text over namespace, flow id, trigger id and type
 * @param exactNamespace whether {@code namespace} matches itself only, not the namespaces under it
 */
public record TriggerQuery(String namespace, String flowId, String text, boolean exactNamespace) {

    /** A query whose namespace filter also matches the namespaces under it. */
    public TriggerQuery(String namespace, String flowId, String text) {
        this(namespace, flowId, text, false);
    }
}
