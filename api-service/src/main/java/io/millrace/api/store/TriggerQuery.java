package io.millrace.api.store;

/**
 * Filters of a trigger search; every null filter matches everything.
 *
 * @param namespace the namespace or any namespace under it
 * @param flowId    exact flow id
 * @param text      free text over namespace, flow id and trigger id
 */
public record TriggerQuery(String namespace, String flowId, String text) {
}
