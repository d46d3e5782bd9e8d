package io.millrace.scheduler.schedule;

import io.millrace.model.Flow;
import io.millrace.model.Label;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.ExecutionTrigger;
import io.millrace.model.trigger.PollingTrigger;
import io.millrace.model.trigger.Schedule;
import io.millrace.model.trigger.ScheduledTrigger;
import io.millrace.model.trigger.Trigger;
import io.millrace.model.trigger.TriggerBackfill;
import io.millrace.model.trigger.TriggerEvaluated;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.model.trigger.TriggerState;
import io.millrace.model.trigger.command.DeleteBackfill;
import io.millrace.model.trigger.command.NoteExecutionEnd;
import io.millrace.model.trigger.command.PauseBackfill;
import io.millrace.model.trigger.command.ResetTrigger;
import io.millrace.model.trigger.command.SetBackfill;
import io.millrace.model.trigger.command.SetTriggerDisabled;
import io.millrace.model.trigger.command.TriggerCommand;
import io.millrace.model.trigger.command.UnlockTrigger;
import io.millrace.schedule.FireCalendar;
import io.millrace.schedule.FireCalendars;
import io.millrace.schedule.ScheduleVariables;
import io.millrace.scheduler.SchedulerSettings;
import io.millrace.tasks.kafka.KafkaRealtimeTrigger;
import io.millrace.util.Ids;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's decisions as pure functions of (trigger, event, now): what a flow revision does to its
 * triggers, which dates fire at a tick, what a user's command or an evaluation's answer changes. The Kafka
 * shell only reads the stores, calls these and writes what they return.
 *
 * <p>Fires get execution ids derived from (flow, trigger, scheduled date) — or from the backfill and the
 * date, or from the evaluation — so that a tick repeated after a failover sends the same ids, which the
 * executor ignores: one execution per date.
 */
public final class TriggerRules {

    /** The label of executions a backfill started. */
    public static final String BACKFILL_LABEL = "system.backfill";

    private final FireCalendars calendars;
    private final SchedulerSettings settings;
    private final BoundTriggers bound;

    public TriggerRules(FireCalendars calendars, SchedulerSettings settings) {
        this.calendars = calendars;
        this.settings = settings;
        this.bound = new BoundTriggers(settings.cachedTriggers());
    }

    // ---- flow revisions ----------------------------------------------------------------------------------

    /**
     * What a flow revision (null: the flow was deleted) does to the triggers the scheduler holds for it:
     * new triggers start from now, changed timings start again from now keeping their history, removed
     * triggers (and every trigger of a deleted or disabled flow) are forgotten.
     *
     * @param existing the flow's triggers now, by trigger id
     * @return the triggers to keep (by trigger id) — the others are to be forgotten
     */
    public Map<String, HeldTrigger> onFlow(String namespace, String flowId, Flow flow,
                                                Map<String, HeldTrigger> existing, Instant now) {
        Map<String, HeldTrigger> kept = new LinkedHashMap<>();
        if (flow == null || flow.isDisabled()) {
            return kept;
        }
        for (Trigger trigger : flow.triggers()) {
            if (!TriggerDefinitions.scheduled(trigger)) {
                continue;
            }
            Map<String, Object> definition = TriggerDefinitions.toJson(trigger);
            HeldTrigger before = existing.get(trigger.id());
            if (before == null) {
                kept.put(trigger.id(), initial(namespace, flowId, flow.revision(), trigger, definition, now));
                continue;
            }
            TriggerState s = before.state();
            Instant next = s.nextDate();
            if (!TriggerDefinitions.sameTiming(before.definition(), definition)) {
                next = firstDate(trigger, now);
            } else if (TriggerDefinitions.disabledInFlow(before.definition()) && !trigger.isDisabled()) {
                next = recovered(trigger, next, now); // enabled again in the source: its missed dates
            }
            kept.put(trigger.id(), new HeldTrigger(s.rebound(trigger.type(), flow.revision(), next, now), definition));
        }
        return kept;
    }

    private HeldTrigger initial(String namespace, String flowId, int revision, Trigger trigger,
                                     Map<String, Object> definition, Instant now) {
        TriggerBackfill backfill = null;
        if (trigger instanceof Schedule s && s.backfill() != null && s.backfill().start() != null) {
            Instant start = s.backfill().start().toInstant();
            Instant end = s.backfill().end() == null ? now : s.backfill().end().toInstant();
            backfill = new TriggerBackfill(start, end, calendar(trigger).next(start.minusNanos(1)),
                s.backfill().inputs(), List.of(), false, now);
        }
        return new HeldTrigger(new TriggerState(namespace, flowId, trigger.id(), trigger.type(), revision,
            firstDate(trigger, now), null, null, backfill, false, null, null, now), definition);
    }

    private Instant firstDate(Trigger trigger, Instant now) {
        return trigger instanceof PollingTrigger ? now : calendar(trigger).next(now);
    }

    // ---- due dates -----------------------------------------------------------------------------------------

    /** When the trigger next needs a tick (null: never, until something changes it). */
    public Instant dueAt(HeldTrigger st) {
        TriggerState s = st.state();
        Trigger trigger = bound.of(st);
        if (trigger instanceof PollingTrigger) {
            if (s.locked()) {
                return s.evaluationStartedAt().plus(settings.evaluationTimeout());
            }
            return enabled(st) ? s.nextDate() : null;
        }
        Instant due = enabled(st) ? s.nextDate() : null;
        TriggerBackfill b = s.backfill();
        if (b != null && !b.paused() && !b.over() && (due == null || b.currentDate().isBefore(due))) {
            due = b.currentDate();
        }
        return due;
    }

    private static boolean enabled(HeldTrigger st) {
        return !st.state().disabled() && !TriggerDefinitions.disabledInFlow(st.definition());
    }

    // ---- ticks ---------------------------------------------------------------------------------------------

    /**
     * What a tick at {@code now} fires for a due trigger.
     *
     * @param downtimeSince the last tick before a pause longer than the downtime threshold (the partition had
     *                      no live owner since), or null: due dates that passed before now during a downtime
     *                      are missed dates, fired as {@code recoverMissedSchedules} says
     */
    public TriggerOutcome tick(HeldTrigger st, Instant now, Instant downtimeSince) {
        Trigger trigger = bound.of(st);
        if (trigger instanceof PollingTrigger polling) {
            return poll(st, polling, now);
        }
        FireCalendar calendar = calendar(trigger);
        TriggerState s = st.state();
        List<CreateExecution> starts = new ArrayList<>();
        Instant next = s.nextDate();
        Instant lastFire = s.lastFireDate();
        String lastExecution = s.lastExecutionId();
        if (enabled(st) && next != null && !next.isAfter(now)) {
            List<Instant> dates = new ArrayList<>();
            if (downtimeSince != null && ScheduleTerms.recover(trigger) != ScheduledTrigger.RecoverMissedSchedules.ALL) {
                // LAST: only the latest date that passed; NONE: none of them
                Instant latest = calendar.previous(now.plusNanos(1));
                if (ScheduleTerms.recover(trigger) == ScheduledTrigger.RecoverMissedSchedules.LAST && latest != null
                    && !latest.isBefore(next)) {
                    dates.add(latest);
                }
                next = calendar.next(now);
            } else {
                while (next != null && !next.isAfter(now) && dates.size() < settings.maxFiresPerTick()) {
                    dates.add(next);
                    next = calendar.next(next);
                }
            }
            Duration lateMaximum = ScheduleTerms.lateMaximumDelay(trigger);
            for (Instant date : dates) {
                if (lateMaximum != null && Duration.between(date, now).compareTo(lateMaximum) > 0) {
                    continue; // too late to be of use: skipped, as the trigger asks
                }
                CreateExecution start = start(st, trigger, calendar, date,
                    Ids.derived("schedule", s.namespace(), s.flowId(), s.triggerId(), date.toString()),
                    ScheduleTerms.inputs(trigger), List.of());
                starts.add(start);
                lastFire = date;
                lastExecution = start.executionId();
            }
        }
        TriggerBackfill backfill = s.backfill();
        if (backfill != null && !backfill.paused() && !backfill.over()) {
            Instant date = backfill.currentDate();
            Instant until = backfill.end() == null || backfill.end().isAfter(now) ? now : backfill.end();
            int fired = 0;
            while (date != null && !date.isAfter(until) && fired < settings.maxFiresPerTick()) {
                List<Label> labels = new ArrayList<>(backfill.labels() == null ? List.of() : backfill.labels());
                labels.add(new Label(BACKFILL_LABEL, "true"));
                starts.add(start(st, trigger, calendar, date, Ids.derived("backfill", s.namespace(), s.flowId(),
                    s.triggerId(), backfill.created().toString(), date.toString()),
                    backfill.inputs() != null ? backfill.inputs() : ScheduleTerms.inputs(trigger), labels));
                fired++;
                date = calendar.next(date);
            }
            backfill = backfill.at(date);
            if (backfill.over()) {
                backfill = null;
            }
        }
        TriggerState after = s.fired(next, lastFire, lastExecution, backfill, now);
        return new TriggerOutcome(st.with(after), starts, List.of());
    }

    private CreateExecution start(HeldTrigger st, Trigger trigger, FireCalendar calendar, Instant date, String id,
                                  Map<String, Object> inputs, List<Label> labels) {
        TriggerState s = st.state();
        ExecutionTrigger cause = new ExecutionTrigger(s.triggerId(), s.type(), ScheduleVariables.of(calendar, date));
        return new CreateExecution(id, s.namespace(), s.flowId(), null, inputs, labels, cause, null, null, null, 1);
    }

    // ---- polling triggers ----------------------------------------------------------------------------------

    private TriggerOutcome poll(HeldTrigger st, PollingTrigger polling, Instant now) {
        TriggerState s = st.state();
        if (s.locked() && now.isBefore(s.evaluationStartedAt().plus(settings.evaluationTimeout()))) {
            return TriggerOutcome.becomes(st);
        }
        if (!enabled(st) || s.nextDate() == null || s.nextDate().isAfter(now)) {
            // a lost evaluation of a trigger disabled meanwhile: just unlocked
            return TriggerOutcome.becomes(st.with(s.withEvaluation(null, null, s.nextDate(), now)));
        }
        String id = Ids.derived("evaluation", s.key(), s.nextDate().toString(),
            s.locked() ? s.evaluationStartedAt().toString() : "");
        TriggerEvaluation evaluation = new TriggerEvaluation(id, s.namespace(), s.flowId(), s.flowRevision(),
            s.triggerId(), st.definition(), s.nextDate());
        return new TriggerOutcome(st.with(s.withEvaluation(now, id, s.nextDate(), now)), List.of(), List.of(evaluation));
    }

    /**
     * A worker's answer: the trigger is unlocked, one execution starts per fire, and the next evaluation is
     * due after the trigger's interval (at once for a realtime trigger that fired). An answer to an
     * evaluation the scheduler no longer waits for (it was taken as lost and sent again) is ignored.
     */
    public TriggerOutcome onEvaluated(HeldTrigger st, TriggerEvaluated answer, Instant now) {
        TriggerState s = st.state();
        if (!answer.evaluationId().equals(s.evaluationId()) || !(bound.of(st) instanceof PollingTrigger polling)) {
            return TriggerOutcome.becomes(st);
        }
        List<CreateExecution> starts = new ArrayList<>();
        String lastExecution = s.lastExecutionId();
        List<Map<String, Object>> fires = answer.fires() == null ? List.of() : answer.fires();
        for (int i = 0; i < fires.size(); i++) {
            String id = Ids.derived(answer.evaluationId(), String.valueOf(i));
            starts.add(new CreateExecution(id, s.namespace(), s.flowId(), null, inputsOf(st), List.of(),
                new ExecutionTrigger(s.triggerId(), s.type(), fires.get(i)), null, null, null, 1));
            lastExecution = id;
        }
        Instant next = realtime(polling) && !starts.isEmpty() ? now : now.plus(polling.interval());
        TriggerState after = s.fired(next, starts.isEmpty() ? s.lastFireDate() : now, lastExecution, s.backfill(), now);
        return new TriggerOutcome(st.with(after), starts, List.of());
    }

    /** A trigger reading a stream of events is evaluated again at once after an evaluation that fired. */
    private static boolean realtime(PollingTrigger polling) {
        return polling instanceof KafkaRealtimeTrigger;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputsOf(HeldTrigger st) {
        Object inputs = st.definition().get("inputs");
        return inputs instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    // ---- commands and ends ---------------------------------------------------------------------------------

    /** What a user's command does to the trigger. */
    public HeldTrigger onCommand(HeldTrigger st, TriggerCommand command, Instant now) {
        TriggerState s = st.state();
        Trigger trigger = bound.of(st);
        return switch (command) {
            case SetBackfill b -> {
                Instant end = b.end() == null ? now : b.end();
                TriggerBackfill backfill = new TriggerBackfill(b.start(), end, calendar(trigger).next(b.start().minusNanos(1)),
                    b.inputs(), b.labels(), false, now);
                yield st.with(s.withBackfill(backfill, now));
            }
            case PauseBackfill p -> s.backfill() == null ? st : st.with(s.withBackfill(s.backfill().paused(p.paused()), now));
            case DeleteBackfill d -> st.with(s.withBackfill(null, now));
            case SetTriggerDisabled d -> {
                if (d.disabled() == s.disabled()) {
                    yield st;
                }
                Instant next = d.disabled() ? s.nextDate() : recovered(trigger, s.nextDate(), now);
                yield st.with(s.withDisabled(d.disabled(), next, now));
            }
            case UnlockTrigger u -> st.with(s.withEvaluation(null, null, s.nextDate(), now));
            case ResetTrigger r -> initial(s.namespace(), s.flowId(), s.flowRevision(), trigger, st.definition(), now);
            case NoteExecutionEnd e -> onEnd(st, e.status(), now);
        };
    }

    /** The trigger after an execution it started ended {@code status}: disabled when {@code stopAfter} says so. */
    public HeldTrigger onEnd(HeldTrigger st, ExecutionStatus status, Instant now) {
        TriggerState s = st.state();
        if (s.disabled() || !bound.of(st).stopAfter().contains(status)) {
            return st;
        }
        return st.with(s.withDisabled(true, s.nextDate(), now));
    }

    /**
     * The next date of a trigger enabled again at {@code now} whose dates stopped at {@code next}: ALL keeps
     * it (every missed date fires), LAST moves it to the latest date that passed, NONE to the first date to come.
     */
    private Instant recovered(Trigger trigger, Instant next, Instant now) {
        if (trigger instanceof PollingTrigger || next == null || next.isAfter(now)) {
            return trigger instanceof PollingTrigger ? now : next;
        }
        FireCalendar calendar = calendar(trigger);
        return switch (ScheduleTerms.recover(trigger)) {
            case ALL -> next;
            case LAST -> calendar.previous(now.plusNanos(1));
            case NONE -> calendar.next(now);
        };
    }

    /** Whether {@code command} applies to this trigger (a backfill needs a cron schedule). */
    public String refusal(HeldTrigger st, TriggerCommand command) {
        if ((command instanceof SetBackfill) && !(bound.of(st) instanceof Schedule)) {
            return "a backfill needs a Schedule trigger; " + st.key() + " is a " + st.state().type();
        }
        return null;
    }

    private FireCalendar calendar(Trigger trigger) {
        return calendars.of(trigger);
    }
}
