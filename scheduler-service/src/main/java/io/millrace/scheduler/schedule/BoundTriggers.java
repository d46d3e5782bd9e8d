package io.millrace.scheduler.schedule;

import io.millrace.model.trigger.Trigger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Declarations bound to their trigger classes, the most recently used kept: a tick reads the same few
 * triggers again and again, and binding JSON costs more than the decision itself. Shared by stream threads.
 */
final class BoundTriggers {

    private record Bound(Map<String, Object> definition, Trigger trigger) {
    }

    private final Map<String, Bound> entries;

    BoundTriggers(int capacity) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bound> eldest) {
                return size() > capacity;
            }
        };
    }

    Trigger of(HeldTrigger st) {
        String key = st.key();
        synchronized (entries) {
            Bound e = entries.get(key);
            if (e != null && e.definition().equals(st.definition())) {
                return e.trigger();
            }
        }
        Trigger bound = TriggerDefinitions.bind(st.definition());
        synchronized (entries) {
            entries.put(key, new Bound(st.definition(), bound));
        }
        return bound;
    }
}
