package io.millrace.executor.local;

import io.millrace.executor.orchestrator.FlowLookup;
import io.millrace.model.Flow;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Flows by namespace, id and revision, for the in-process harness. */
public final class FlowStore implements FlowLookup {

    private final Map<String, NavigableMap<Integer, Flow>> flows = new ConcurrentHashMap<>();

    /** Adds a flow revision; a flow without an explicit revision becomes the next one. */
    public Flow put(Flow flow) {
        NavigableMap<Integer, Flow> revisions = flows.computeIfAbsent(key(flow.namespace(), flow.id()),
            k -> new TreeMap<>());
        synchronized (revisions) {
            Flow stored = flow;
            if (revisions.containsKey(flow.revision()) && revisions.get(flow.revision()) != flow) {
                stored = flow.withRevision(revisions.lastKey() + 1);
            }
            revisions.put(stored.revision(), stored);
            return stored;
        }
    }

    /** The given revision, or the latest when {@code revision} is null; null when unknown. */
    @Override
    public Flow get(String namespace, String id, Integer revision) {
        NavigableMap<Integer, Flow> revisions = flows.get(key(namespace, id));
        if (revisions == null) {
            return null;
        }
        synchronized (revisions) {
            if (revisions.isEmpty()) {
                return null;
            }
            return revision == null ? revisions.lastEntry().getValue() : revisions.get(revision);
        }
    }

    private static String key(String namespace, String id) {
        return namespace + "/" + id;
    }
}
