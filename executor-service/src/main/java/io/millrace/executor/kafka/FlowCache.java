package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.FlowLookup;
import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.serde.FlowParser;
import io.millrace.serde.FlowValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every flow revision the executor knows, parsed once, in memory: fed by the global flow store
 * and read by every stream thread, so a lookup never deserialises a store entry.
 */
public final class FlowCache implements FlowLookup {

    private static final Logger LOG = LoggerFactory.getLogger(FlowCache.class);

    private final FlowParser parser = new FlowParser();
    private final Map<String, NavigableMap<Integer, Entry>> flows = new ConcurrentHashMap<>();

    /** A revision: its record and the flow parsed from it (null when deleted or unreadable). */
    private record Entry(FlowRecord record, Flow flow) {
    }

    /** Adds or replaces a revision. */
    public void put(FlowRecord record) {
        Flow flow = null;
        if (!record.deleted()) {
            try {
                flow = parser.parse(record.source()).withRevision(record.revision());
            } catch (FlowValidationException e) {
                LOG.warn("flow {} revision {} is not valid and is ignored: {}", record.key(), record.revision(),
                    e.getMessage());
            }
        }
        flows.computeIfAbsent(record.key(), k -> new ConcurrentSkipListMap<>()).put(record.revision(),
            new Entry(record, flow));
    }

    /** Forgets a revision (its record was deleted from the topic). */
    public void remove(String namespace, String id, int revision) {
        NavigableMap<Integer, Entry> revisions = flows.get(namespace + "/" + id);
        if (revisions != null) {
            revisions.remove(revision);
        }
    }

    /**
     * The flow at {@code revision}, or at its latest revision when {@code revision} is null; null
     * when unknown, or when the latest revision is a deletion.
     */
    @Override
    public Flow get(String namespace, String id, Integer revision) {
        NavigableMap<Integer, Entry> revisions = flows.get(namespace + "/" + id);
        if (revisions == null || revisions.isEmpty()) {
            return null;
        }
        Entry e = revision == null ? revisions.lastEntry().getValue() : revisions.get(revision);
        return e == null ? null : e.flow();
    }

    /**
     * Whether the executor knows all it will ever know of the revision, as opposed to waiting for it
     * (a flow deployed a moment ago): it arrived (present, deleted or invalid), or a later revision of
     * the flow did, so it never will (the api numbers revisions in order). A Subflow naming a revision
     * that does not exist thus fails at once rather than after the creation's wait.
     */
    public boolean knows(String namespace, String id, int revision) {
        NavigableMap<Integer, Entry> revisions = flows.get(namespace + "/" + id);
        return revisions != null && !revisions.isEmpty()
            && (revisions.containsKey(revision) || revision < revisions.lastKey());
    }

    /** Number of flows known. */
    public int size() {
        return flows.size();
    }
}
