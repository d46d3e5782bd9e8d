package io.millrace.api.store;

/**
 * Filters of a flow search; every null filter matches everything. Deleted flows never match.
 *
 * @param namespace the namespace or any namespace under it
 * @param text      free text over id, namespace and source
 */
public record FlowQuery(String namespace, String text) {
}
