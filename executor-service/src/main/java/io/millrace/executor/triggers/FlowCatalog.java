package io.millrace.executor.triggers;

import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.serde.FlowParser;
import io.millrace.triggers.TriggerIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The newest revision of every flow, parsed once and kept in memory, and the {@link TriggerIndex}
 * built from them. The global flow store's processor writes here; stream threads read the index.
 * The index is rebuilt on the first read after a change, so loading thousands of flows at start
 * costs one build, not one per flow, and a lookup never deserialises a store entry.
 */
public final class FlowCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(FlowCatalog.class);

    private final FlowParser parser = new FlowParser();
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(TriggerIndex.EMPTY, 0);

    private record Snapshot(TriggerIndex index, long version) {
    }

    /** Takes the record of {@code flows} under {@code key}: parsed and kept, or forgotten when deleted or not valid. */
    public void put(String key, FlowRecord record) {
        if (record.deleted()) {
            remove(key);
            return;
        }
        Flow flow;
        try {
            flow = parser.parse(record.source()).withRevision(record.revision());
        } catch (RuntimeException e) {
            // the api only publishes valid flows; one that no longer parses cannot run, so it listens to nothing
            LOG.warn("flow {} revision {} cannot be parsed and triggers nothing: {}", key, record.revision(),
                e.getMessage());
            remove(key);
            return;
        }
        flows.put(key, flow);
        version.incrementAndGet();
    }

    /** Forgets the flow under {@code key} (deleted). */
    public void remove(String key) {
        if (flows.remove(key) != null) {
            version.incrementAndGet();
        }
    }

    /** The index of the flows as they are now. */
    public TriggerIndex index() {
        Snapshot s = snapshot;
        long v = version.get();
        if (s.version() == v) {
            return s.index();
        }
        synchronized (this) {
            s = snapshot;
            v = version.get();
            if (s.version() != v) {
                s = new Snapshot(TriggerIndex.of(flows.values()), v);
                snapshot = s;
                LOG.debug("flow trigger index rebuilt: {} flows, {} Flow triggers", s.index().flowCount(),
                    s.index().listenerCount());
            }
            return s.index();
        }
    }

    /** Number of flows known. */
    public int size() {
        return flows.size();
    }
}
