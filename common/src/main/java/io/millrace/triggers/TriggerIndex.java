package io.millrace.triggers;

import io.millrace.model.Flow;
import io.millrace.model.condition.Condition;
import io.millrace.model.condition.ExecutionFlowCondition;
import io.millrace.model.condition.ExecutionNamespaceCondition;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.trigger.FlowTrigger;
import io.millrace.model.trigger.Trigger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flows that listen for ended executions, indexed so that an end costs in proportion to the
 * triggers that could match it, not to the number of flows: a trigger with an ExecutionFlow
 * condition is found by that flow, one with an EQUALS ExecutionNamespace condition by that
 * namespace, and only the rest are tried for every end. Also the lookup of every known flow, for
 * the variables of the ending execution. Immutable: rebuilt when flows change.
 */
public final class TriggerIndex {

    /** An index of no flows. */
    public static final TriggerIndex EMPTY = of(List.of());

    private final Map<String, Flow> flows;
    private final Map<String, List<Listener>> byFlow;
    private final Map<String, List<Listener>> byNamespace;
    private final List<Listener> others;
    private final int listeners;

    private TriggerIndex(Map<String, Flow> flows, Map<String, List<Listener>> byFlow,
                         Map<String, List<Listener>> byNamespace, List<Listener> others, int listeners) {
        this.flows = flows;
        this.byFlow = byFlow;
        this.byNamespace = byNamespace;
        this.others = others;
        this.listeners = listeners;
    }

    /**
     * The index of {@code flows} (the newest revision of each). Deleted flows are left out; disabled
     * flows and disabled triggers listen to nothing but stay known for lookups.
     */
    public static TriggerIndex of(Collection<Flow> flows) {
        Map<String, Flow> known = new HashMap<>();
        Map<String, List<Listener>> byFlow = new HashMap<>();
        Map<String, List<Listener>> byNamespace = new HashMap<>();
        List<Listener> others = new ArrayList<>();
        int count = 0;
        for (Flow flow : flows) {
            if (flow == null || flow.isDeleted()) {
                continue;
            }
            known.put(key(flow.namespace(), flow.id()), flow);
            if (flow.isDisabled()) {
                continue;
            }
            for (Trigger t : flow.triggers()) {
                if (t instanceof FlowTrigger ft && !ft.isDisabled()) {
                    Listener l = Listener.of(flow, ft);
                    place(l, byFlow, byNamespace, others);
                    count++;
                }
            }
        }
        return new TriggerIndex(Map.copyOf(known), freeze(byFlow), freeze(byNamespace), List.copyOf(others), count);
    }

    /** The known (not deleted) flow, or null. */
    public Flow flow(String namespace, String id) {
        return flows.get(key(namespace, id));
    }

    /** The listeners that could match the execution {@code ended}: a superset of those whose conditions hold. */
    public List<Listener> candidates(ExecutionHeader ended) {
        List<Listener> a = byFlow.getOrDefault(key(ended.namespace(), ended.flowId()), List.of());
        List<Listener> b = byNamespace.getOrDefault(ended.namespace(), List.of());
        if (b.isEmpty() && others.isEmpty()) {
            return a;
        }
        List<Listener> all = new ArrayList<>(a.size() + b.size() + others.size());
        all.addAll(a);
        all.addAll(b);
        all.addAll(others);
        return all;
    }

    /** How many enabled Flow triggers the index holds. */
    public int listenerCount() {
        return listeners;
    }

    /** How many flows it knows. */
    public int flowCount() {
        return flows.size();
    }

    /** How many listeners are tried for every ended execution, whatever its flow (no flow or namespace condition). */
    public int unindexedCount() {
        return others.size();
    }

    /** A trigger must match every top-level condition, so one that names a flow or a namespace is only tried for it. */
    private static void place(Listener l, Map<String, List<Listener>> byFlow, Map<String, List<Listener>> byNamespace,
                              List<Listener> others) {
        for (Condition c : l.simpleConditions()) {
            if (c instanceof ExecutionFlowCondition f && f.namespace() != null && f.flowId() != null) {
                byFlow.computeIfAbsent(key(f.namespace(), f.flowId()), k -> new ArrayList<>()).add(l);
                return;
            }
        }
        for (Condition c : l.simpleConditions()) {
            if (c instanceof ExecutionNamespaceCondition n && n.namespace() != null
                && n.effectiveComparison() == ExecutionNamespaceCondition.Comparison.EQUALS) {
                byNamespace.computeIfAbsent(n.namespace(), k -> new ArrayList<>()).add(l);
                return;
            }
        }
        others.add(l);
    }

    private static Map<String, List<Listener>> freeze(Map<String, List<Listener>> map) {
        Map<String, List<Listener>> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Map.copyOf(copy);
    }

    private static String key(String namespace, String id) {
        return namespace + "/" + id;
    }
}
