package io.millrace.model.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A worker's answer to a {@link TriggerEvaluation}, on {@code trigger_evaluation_results} keyed
 * {@code namespace/flowId} (so that it reaches the scheduler instance owning the flow).
 *
 * @param fires the executions to start, one map of {@code trigger.*} variables each (empty: the condition
 *              did not hold)
 * @param error why the evaluation failed (null when it did not); the trigger is evaluated again at its next date
 */
public record TriggerEvaluated(String evaluationId, String namespace, String flowId, String triggerId,
                               String workerId, List<Map<String, Object>> fires, String error, Instant startedAt,
                               Instant endedAt) {

    /** The key on {@code trigger_evaluation_results}. */
    public String key() {
        return namespace + "/" + flowId;
    }
}
