package io.millrace.model.trigger;

import java.time.Instant;

/**
 * What the scheduler remembers about one trigger of one flow (the {@code triggers} topic, and the
 * scheduler's own store): when it fires next, what it fired last, a backfill in progress, whether a
 * user (or {@code stopAfter}) disabled it, and who is evaluating it when it is a polling trigger.
 *
 * @param type                the trigger's type, as the flow names it
 * @param nextDate            the next date it fires (null: nothing left to fire, e.g. every date of a
 *                            ScheduleOnDates has passed)
 * @param lastFireDate        the scheduled date of the last fire (not the moment it was sent)
 * @param lastExecutionId     the execution the last fire started
 * @param backfill            a backfill in progress, or null
 * @param disabled            disabled through the API or by {@code stopAfter} (a trigger disabled in the flow's
 *                            source keeps its state, so that enabling it again applies
 *                            {@code recoverMissedSchedules} to the dates it missed)
 * @param evaluationStartedAt when the current evaluation of a polling trigger was sent to a worker, or null
 * @param evaluationId        the id of that evaluation (its answer names it), or null
 * @param updated             when the scheduler last wrote this state
 */
public record TriggerState(String namespace, String flowId, String triggerId, String type, int flowRevision,
                           Instant nextDate, Instant lastFireDate, String lastExecutionId, TriggerBackfill backfill,
                           boolean disabled, Instant evaluationStartedAt, String evaluationId, Instant updated) {

    /** The key on {@code triggers}: {@code namespace/flowId/triggerId}. */
    public String key() {
        return key(namespace, flowId, triggerId);
    }

    /** The key on {@code triggers} of trigger {@code triggerId} of flow {@code namespace.flowId}. */
    public static String key(String namespace, String flowId, String triggerId) {
        return namespace + "/" + flowId + "/" + triggerId;
    }

    /** Whether a polling evaluation is out on a worker. */
    public boolean locked() {
        return evaluationStartedAt != null;
    }

    /** This state bound to revision {@code flowRevision} of its flow, where the trigger is of {@code type}. */
    public TriggerState rebound(String type, int flowRevision, Instant nextDate, Instant updated) {
        return new TriggerState(namespace, flowId, triggerId, type, flowRevision, nextDate, lastFireDate,
            lastExecutionId, backfill, disabled, evaluationStartedAt, evaluationId, updated);
    }

    /** After a fire (or an evaluation's answer): what fired last, when it fires next; no evaluation is out. */
    public TriggerState fired(Instant nextDate, Instant lastFireDate, String lastExecutionId, TriggerBackfill backfill,
                              Instant updated) {
        return new TriggerState(namespace, flowId, triggerId, type, flowRevision, nextDate, lastFireDate,
            lastExecutionId, backfill, disabled, null, null, updated);
    }

    /** With polling evaluation {@code evaluationId} out since {@code startedAt} (both null: none is out). */
    public TriggerState withEvaluation(Instant startedAt, String evaluationId, Instant nextDate, Instant updated) {
        return new TriggerState(namespace, flowId, triggerId, type, flowRevision, nextDate, lastFireDate,
            lastExecutionId, backfill, disabled, startedAt, evaluationId, updated);
    }

    /** Disabled or enabled, firing next at {@code nextDate}. */
    public TriggerState withDisabled(boolean disabled, Instant nextDate, Instant updated) {
        return new TriggerState(namespace, flowId, triggerId, type, flowRevision, nextDate, lastFireDate,
            lastExecutionId, backfill, disabled, evaluationStartedAt, evaluationId, updated);
    }

    /** With backfill {@code backfill} in progress (null: none). */
    public TriggerState withBackfill(TriggerBackfill backfill, Instant updated) {
        return new TriggerState(namespace, flowId, triggerId, type, flowRevision, nextDate, lastFireDate,
            lastExecutionId, backfill, disabled, evaluationStartedAt, evaluationId, updated);
    }
}
