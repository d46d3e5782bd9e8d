package io.millrace.model.trigger;

import java.time.Instant;

/**
 * What the scheduler remembers about one trigger of one flow (the {@code triggers} topic):
 * when it fires next, when it last fired, and whether a user disabled it.
 */
public record TriggerState(String namespace, String flowId, String triggerId, int flowRevision, Instant nextDate,
                           Instant lastFireDate, String lastExecutionId, Instant backfillUntil, boolean disabled,
                           Instant updated) {

    /** The key on {@code triggers}: {@code namespace/flowId/triggerId}. */
    public String key() {
        return namespace + "/" + flowId + "/" + triggerId;
    }
}
