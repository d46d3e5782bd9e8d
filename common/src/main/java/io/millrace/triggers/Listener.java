package io.millrace.triggers;

import io.millrace.model.Flow;
import io.millrace.model.condition.Condition;
import io.millrace.model.condition.MultipleCondition;
import io.millrace.model.trigger.FlowTrigger;

import java.util.ArrayList;
import java.util.List;

/**
 * One enabled Flow trigger of one flow, its conditions split once into those tested on the ending
 * execution alone and the MultipleConditions tested over a window.
 */
public record Listener(Flow flow, FlowTrigger trigger, List<Condition> simpleConditions,
                       List<MultipleCondition> multipleConditions) {

    public Listener {
        simpleConditions = List.copyOf(simpleConditions);
        multipleConditions = List.copyOf(multipleConditions);
    }

    /** The listener for {@code trigger} of {@code flow}. */
    public static Listener of(Flow flow, FlowTrigger trigger) {
        List<Condition> simple = new ArrayList<>();
        List<MultipleCondition> multiple = new ArrayList<>();
        for (Condition c : trigger.conditions()) {
            if (c instanceof MultipleCondition m) {
                multiple.add(m);
            } else if (c != null) {
                simple.add(c);
            }
        }
        return new Listener(flow, trigger, simple, multiple);
    }

    /** {@code namespace/flowId/triggerId}: the key of this trigger's window state. */
    public String key() {
        return key(flow.namespace(), flow.id(), trigger.id());
    }

    /** The window key of a trigger. */
    public static String key(String namespace, String flowId, String triggerId) {
        return namespace + "/" + flowId + "/" + triggerId;
    }

    /** Whether the ending execution belongs to this listener's own flow (a flow never triggers itself). */
    boolean isOwnFlow(String namespace, String flowId) {
        return flow.namespace().equals(namespace) && flow.id().equals(flowId);
    }

    @Override
    public String toString() {
        return "trigger " + trigger.id() + " of flow " + flow.ref();
    }
}
