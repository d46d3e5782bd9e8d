package io.millrace.scheduler.kafka;

import io.millrace.scheduler.schedule.HeldTrigger;
import io.millrace.scheduler.schedule.TriggerRules;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The triggers of one stream task and their due-time index, kept in step: the index maps
 * {@code <due epoch millis, 13 digits>|<trigger key>} to the trigger key, so that a tick reads only what is
 * due (a range scan up to now), whatever the number of triggers held.
 */
final class TriggerTable {

    private static final char SEPARATOR = '|';

    private final KeyValueStore<String, HeldTrigger> triggers;
    private final KeyValueStore<String, String> due;
    private final TriggerRules rules;

    TriggerTable(KeyValueStore<String, HeldTrigger> triggers, KeyValueStore<String, String> due, TriggerRules rules) {
        this.triggers = triggers;
        this.due = due;
        this.rules = rules;
    }

    HeldTrigger get(String triggerKey) {
        return triggers.get(triggerKey);
    }

    /** The triggers of flow {@code namespace/flowId}, by trigger id. */
    Map<String, HeldTrigger> ofFlow(String flowKey) {
        Map<String, HeldTrigger> found = new LinkedHashMap<>();
        try (KeyValueIterator<String, HeldTrigger> it = triggers.prefixScan(flowKey + "/",
            new org.apache.kafka.common.serialization.StringSerializer())) {
            while (it.hasNext()) {
                HeldTrigger st = it.next().value;
                found.put(st.state().triggerId(), st);
            }
        }
        return found;
    }

    /** Stores {@code after} in place of {@code before} (null when new), moving its index entry. */
    void put(HeldTrigger before, HeldTrigger after) {
        Instant was = before == null ? null : rules.dueAt(before);
        Instant will = rules.dueAt(after);
        if (was != null && !was.equals(will)) {
            due.delete(indexKey(was, after.key()));
        }
        if (will != null) {
            due.put(indexKey(will, after.key()), after.key());
        }
        triggers.put(after.key(), after);
    }

    /** Forgets a trigger and its index entry. */
    void delete(HeldTrigger before) {
        Instant was = rules.dueAt(before);
        if (was != null) {
            due.delete(indexKey(was, before.key()));
        }
        triggers.delete(before.key());
    }

    /**
     * The triggers due at {@code now}, earliest first, at most {@code limit}. Index entries that no longer
     * match their trigger (left by a change of settings) are repaired on the way.
     */
    List<HeldTrigger> due(Instant now, int limit) {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> it = due.range("0", String.format("%013d", now.toEpochMilli()) + (char) (SEPARATOR + 1))) {
            while (it.hasNext() && entries.size() < limit) {
                entries.add(it.next());
            }
        }
        List<HeldTrigger> found = new ArrayList<>();
        for (KeyValue<String, String> e : entries) {
            HeldTrigger st = triggers.get(e.value);
            Instant at = st == null ? null : rules.dueAt(st);
            if (at == null || !indexKey(at, st.key()).equals(e.key)) {
                due.delete(e.key);
                if (at != null) {
                    due.put(indexKey(at, st.key()), st.key());
                }
                if (at == null || at.isAfter(now)) {
                    continue;
                }
            }
            found.add(st);
        }
        return found;
    }

    private static String indexKey(Instant at, String triggerKey) {
        return String.format("%013d", Math.max(0, at.toEpochMilli())) + SEPARATOR + triggerKey;
    }
}
