package io.millrace.model.trigger;

import java.time.Instant;
import java.util.Map;

/**
 * A polling trigger to evaluate once, sent by the scheduler to the workers on {@code trigger_evaluations}
 * (keyed {@code namespace/flowId/triggerId}). The worker that takes it answers with a
 * {@link TriggerEvaluated} naming the same {@code evaluationId}; the trigger's state stays with the
 * scheduler, which locks the trigger until the answer arrives (or the evaluation is found lost).
 *
 * @param trigger     the trigger as the flow revision declares it (plugin defaults applied), as JSON
 * @param scheduledAt the date this evaluation was due
 */
public record TriggerEvaluation(String evaluationId, String namespace, String flowId, int flowRevision,
                                String triggerId, Map<String, Object> trigger, Instant scheduledAt) {

    /** The key on {@code trigger_evaluations}. */
    public String key() {
        return TriggerState.key(namespace, flowId, triggerId);
    }
}
