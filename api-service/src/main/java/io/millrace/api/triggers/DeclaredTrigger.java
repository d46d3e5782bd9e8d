package io.millrace.api.triggers;

import io.millrace.api.flows.FlowView;
import io.millrace.api.web.ApiException;
import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.model.trigger.FlowTrigger;
import io.millrace.model.trigger.Schedule;
import io.millrace.model.trigger.Trigger;
import io.millrace.model.trigger.Webhook;
import io.millrace.serde.FlowParser;

/**
 * A trigger as the newest revision of its flow declares it: what every trigger command is checked
 * against before it is sent.
 *
 * @param ref     the trigger asked for
 * @param record  the flow's newest revision
 * @param flow    that revision, parsed
 * @param trigger the trigger's declaration in it
 */
public record DeclaredTrigger(TriggerRef ref, FlowRecord record, Flow flow, Trigger trigger) {

    /**
     * The declaration of {@code ref} in its flow's newest revision.
     *
     * @throws ApiException 404 naming the flow, or the trigger, that does not exist
     */
    public static DeclaredTrigger find(FlowView flows, FlowParser parser, TriggerRef ref) {
        FlowRecord record = flows.latest(ref.namespace(), ref.flowId()).orElseThrow(() ->
            ApiException.notFound("flow " + ref.namespace() + "." + ref.flowId() + " does not exist"));
        Flow flow = parser.parse(record.source());
        Trigger trigger = flow.triggers().stream().filter(t -> ref.triggerId().equals(t.id())).findFirst()
            .orElseThrow(() -> ApiException.notFound("flow " + ref.namespace() + "." + ref.flowId() + " has no trigger "
                + ref.triggerId()));
        return new DeclaredTrigger(ref, record, flow, trigger);
    }

    /** Whether it is a Schedule, the only kind of trigger that can be backfilled. */
    public boolean isSchedule() {
        return trigger instanceof Schedule;
    }

    /**
     * Whether the scheduler keeps its state. Webhooks (answered by the api) and Flow triggers (matched by the
     * executor) have none: they are turned off in the flow's source.
     */
    public boolean keptByScheduler() {
        return !(trigger instanceof Webhook) && !(trigger instanceof FlowTrigger);
    }

    /** Refuses (400) a trigger whose state the scheduler does not keep. */
    public DeclaredTrigger requireKeptByScheduler() {
        if (!keptByScheduler()) {
            throw ApiException.badRequest(ref + " is a " + trigger.type() + " trigger: its state is not kept by the"
                + " scheduler; change it in the flow's source");
        }
        return this;
    }
}
