package io.millrace.triggers;

import io.millrace.model.Label;
import io.millrace.model.condition.Condition;
import io.millrace.model.condition.ExecutionFlowCondition;
import io.millrace.model.condition.ExecutionLabelsCondition;
import io.millrace.model.condition.ExecutionNamespaceCondition;
import io.millrace.model.condition.ExecutionStatusCondition;
import io.millrace.model.condition.MultipleCondition;
import io.millrace.model.execution.ExecutionHeader;

import java.util.List;
import java.util.Objects;

/** Whether a simple condition (status, flow, namespace, labels) holds for an ended execution. */
public final class Conditions {

    private Conditions() {
    }

    /**
     * Whether {@code condition} holds for the execution {@code ended}.
     *
     * @throws UnsupportedConditionException for a MultipleCondition (evaluated over a window, not
     *                                       one execution) or a condition type Flow triggers do not know
     */
    public static boolean holds(Condition condition, ExecutionHeader ended) {
        return switch (condition) {
            case ExecutionStatusCondition s -> statusHolds(s, ended);
            case ExecutionFlowCondition f ->
                Objects.equals(f.namespace(), ended.namespace()) && Objects.equals(f.flowId(), ended.flowId());
            case ExecutionNamespaceCondition n -> namespaceHolds(n, ended.namespace());
            case ExecutionLabelsCondition l -> labelsHold(l.labels(), ended);
            case MultipleCondition m -> throw new UnsupportedConditionException(
                "a MultipleCondition cannot be nested in another MultipleCondition");
            default -> throw new UnsupportedConditionException(
                "condition type '" + condition.type() + "' cannot be used in a Flow trigger");
        };
    }

    /** Kestra's rule: a state must be in {@code in} when it is given (even empty), and not in {@code notIn}. */
    private static boolean statusHolds(ExecutionStatusCondition s, ExecutionHeader ended) {
        if (s.in() != null && !s.in().contains(ended.status())) {
            return false;
        }
        return s.notIn() == null || !s.notIn().contains(ended.status());
    }

    /** Plain text comparison, as Kestra does: PREFIX {@code company} also matches {@code company.team}. */
    private static boolean namespaceHolds(ExecutionNamespaceCondition n, String namespace) {
        if (n.namespace() == null || namespace == null) {
            return false;
        }
        return switch (n.effectiveComparison()) {
            case EQUALS -> namespace.equals(n.namespace());
            case PREFIX -> namespace.startsWith(n.namespace());
            case SUFFIX -> namespace.endsWith(n.namespace());
        };
    }

    private static boolean labelsHold(List<Label> wanted, ExecutionHeader ended) {
        if (wanted == null) {
            return true;
        }
        for (Label label : wanted) {
            if (!ended.labels().contains(new Label(label.key(), label.value()))) {
                return false;
            }
        }
        return true;
    }
}
