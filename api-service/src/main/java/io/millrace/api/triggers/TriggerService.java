package io.millrace.api.triggers;

import io.millrace.api.flows.FlowView;
import io.millrace.api.store.TriggerQuery;
import io.millrace.api.store.TriggerStore;
import io.millrace.api.web.ApiException;
import io.millrace.model.trigger.TriggerBackfill;
import io.millrace.model.trigger.TriggerState;
import io.millrace.model.trigger.command.DeleteBackfill;
import io.millrace.model.trigger.command.PauseBackfill;
import io.millrace.model.trigger.command.ResetTrigger;
import io.millrace.model.trigger.command.SetBackfill;
import io.millrace.model.trigger.command.SetTriggerDisabled;
import io.millrace.model.trigger.command.UnlockTrigger;
import io.millrace.serde.FlowParser;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The api's trigger write path. Each action checks the request against the trigger's declaration in its
 * flow's newest revision and against the state the search store knows (about a second behind the
 * scheduler), sends one {@code TriggerCommand} (the scheduler is the only writer of trigger state) and
 * answers the trigger's state with the change asked for, as Kestra answers its trigger context.
 */
public final class TriggerService {

    private final FlowView flows;
    private final TriggerStore store;
    private final TriggerCommandSender commands;
    private final InstantSource clock;
    private final FlowParser parser = new FlowParser();

    public TriggerService(FlowView flows, TriggerStore store, TriggerCommandSender commands, InstantSource clock) {
        this.flows = flows;
        this.store = store;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Kestra's trigger update ({@code PUT /api/v1/triggers}): sets the body's {@code backfill} when it has
     * one, else its {@code disabled}.
     */
    public TriggerState update(Map<?, ?> body) {
        TriggerRef ref = TriggerRef.of(body, "body");
        if (body.get("backfill") != null) {
            return setBackfill(ref, body.get("backfill"));
        }
        if (body.get("disabled") instanceof Boolean disabled) {
            return setDisabled(ref, disabled);
        }
        throw ApiException.badRequest("body: give backfill (to backfill the trigger) or disabled (true or false)");
    }

    /** Backfills a Schedule trigger: runs its dates from {@code backfill.start} to {@code backfill.end} now. */
    public TriggerState setBackfill(TriggerRef ref, Object backfill) {
        if (!(backfill instanceof Map<?, ?> fields)) {
            throw ApiException.badRequest("backfill must be an object {start, end, inputs, labels}");
        }
        DeclaredTrigger declared = DeclaredTrigger.find(flows, parser, ref);
        if (!declared.isSchedule()) {
            throw ApiException.badRequest(ref + " is a " + declared.trigger().type()
                + " trigger: only Schedule triggers can be backfilled");
        }
        requireEnabledInSource(declared);
        BackfillRequest request = BackfillRequest.parse(fields, clock.instant());
        commands.send(new SetBackfill(ref.namespace(), ref.flowId(), ref.triggerId(), request.start(), request.end(),
            request.inputs(), request.labels()));
        TriggerState t = current(declared);
        return with(t, new TriggerBackfill(request.start(), request.end(), request.start(), request.inputs(),
            request.labels(), false, clock.instant()), t.disabled());
    }

    /** Disables or enables a trigger. */
    public TriggerState setDisabled(TriggerRef ref, boolean disabled) {
        DeclaredTrigger declared = DeclaredTrigger.find(flows, parser, ref).requireKeptByScheduler();
        if (!disabled) {
            requireEnabledInSource(declared);
        }
        commands.send(new SetTriggerDisabled(ref.namespace(), ref.flowId(), ref.triggerId(), disabled));
        TriggerState t = current(declared);
        return with(t, t.backfill(), disabled);
    }

    /** Pauses ({@code paused} true) or resumes the trigger's backfill; 400 when it has none. */
    public TriggerState pauseBackfill(TriggerRef ref, boolean paused) {
        TriggerState t = withBackfill(ref);
        commands.send(new PauseBackfill(ref.namespace(), ref.flowId(), ref.triggerId(), paused));
        return with(t, t.backfill().paused(paused), t.disabled());
    }

    /** Drops the trigger's backfill; 400 when it has none. */
    public TriggerState deleteBackfill(TriggerRef ref) {
        TriggerState t = withBackfill(ref);
        commands.send(new DeleteBackfill(ref.namespace(), ref.flowId(), ref.triggerId()));
        return with(t, null, t.disabled());
    }

    /** Forgets the evaluation holding the trigger's lock; 409 when it is not locked. */
    public TriggerState unlock(TriggerRef ref) {
        DeclaredTrigger declared = DeclaredTrigger.find(flows, parser, ref).requireKeptByScheduler();
        TriggerState t = current(declared);
        if (!t.locked()) {
            throw ApiException.conflict(ref + " is not locked");
        }
        commands.send(new UnlockTrigger(ref.namespace(), ref.flowId(), ref.triggerId()));
        return t.withEvaluation(null, null, t.nextDate(), t.updated());
    }

    /**
     * Makes the scheduler forget the trigger's state (last fire, backfill, disabled, lock) and start it afresh
     * from its declaration; answers the state as it starts again, its next date still to compute.
     */
    public TriggerState reset(TriggerRef ref) {
        DeclaredTrigger declared = DeclaredTrigger.find(flows, parser, ref).requireKeptByScheduler();
        commands.send(new ResetTrigger(ref.namespace(), ref.flowId(), ref.triggerId()));
        return fresh(declared);
    }

    /** Every trigger the store knows matching {@code query}, for the by-query bulk actions. */
    public List<TriggerRef> matching(TriggerQuery query) {
        return store.all(query).stream().map(t -> new TriggerRef(t.namespace(), t.flowId(), t.triggerId())).toList();
    }

    /**
     * Applies {@code action} to each trigger; one the action refuses (unknown, no backfill, not locked…) is
     * skipped, as Kestra's bulk actions do.
     *
     * @return how many triggers a command was sent for
     */
    public int each(List<TriggerRef> refs, Function<TriggerRef, ?> action) {
        int count = 0;
        for (TriggerRef ref : refs) {
            try {
                action.apply(ref);
                count++;
            } catch (ApiException refused) {
                // skipped: a bulk action goes on with the others
            }
        }
        return count;
    }

    private TriggerState withBackfill(TriggerRef ref) {
        DeclaredTrigger declared = DeclaredTrigger.find(flows, parser, ref);
        TriggerState t = current(declared);
        if (t.backfill() == null) {
            throw ApiException.badRequest(ref + " has no backfill");
        }
        return t;
    }

    private static void requireEnabledInSource(DeclaredTrigger declared) {
        if (declared.flow().isDisabled()) {
            throw ApiException.conflict("flow " + declared.ref().namespace() + "." + declared.ref().flowId()
                + " is disabled");
        }
        if (declared.trigger().isDisabled()) {
            throw ApiException.conflict(declared.ref() + " is disabled in the flow's source");
        }
    }

    /** The state the store knows, or the one of a trigger the scheduler has not written yet. */
    private TriggerState current(DeclaredTrigger declared) {
        TriggerRef ref = declared.ref();
        return store.find(ref.namespace(), ref.flowId(), ref.triggerId()).orElseGet(() -> fresh(declared));
    }

    private static TriggerState fresh(DeclaredTrigger declared) {
        TriggerRef ref = declared.ref();
        return new TriggerState(ref.namespace(), ref.flowId(), ref.triggerId(), declared.trigger().type(),
            declared.record().revision(), null, null, null, null, false, null, null, null);
    }

    private static TriggerState with(TriggerState t, TriggerBackfill backfill, boolean disabled) {
        return t.withBackfill(backfill, t.updated()).withDisabled(disabled, t.nextDate(), t.updated());
    }
}
