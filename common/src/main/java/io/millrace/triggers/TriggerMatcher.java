package io.millrace.triggers;

import io.millrace.model.Flow;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.condition.Condition;
import io.millrace.model.condition.MultipleCondition;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionView;
import io.millrace.runtime.Variables;
import io.millrace.template.TemplateEngine;
import io.millrace.template.ValueRenderer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches one ended execution against the Flow triggers of an index: a trigger whose conditions all
 * hold gives a {@link TriggerOutcome.Start}; one with MultipleConditions gives a {@link WindowMatch}
 * when its simple conditions hold and some named condition matched; a trigger that cannot be
 * evaluated or whose inputs do not render gives a {@link TriggerOutcome.Skipped}. Pure: the same
 * execution and index give the same outcomes.
 */
public final class TriggerMatcher {

    private final TemplateEngine engine;

    public TriggerMatcher(TemplateEngine engine) {
        this.engine = engine;
    }

    /** The outcomes for {@code ended} (its header and task runs); none unless it ended in a triggering state. */
    public List<TriggerOutcome> match(ExecutionView ended, TriggerIndex index) {
        ExecutionHeader h = ended.header();
        if (!TriggeringEnd.triggers(h.status())) {
            return List.of();
        }
        EndVariables variables = new EndVariables(ended, index.flow(h.namespace(), h.flowId()));
        List<TriggerOutcome> outcomes = new ArrayList<>();
        for (Listener listener : index.candidates(h)) {
            if (listener.isOwnFlow(h.namespace(), h.flowId())) {
                continue;
            }
            TriggerOutcome outcome;
            try {
                outcome = evaluate(listener, h, variables);
            } catch (RuntimeException e) {
                outcome = skipped(listener, h, message(e));
            }
            if (outcome != null) {
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    private TriggerOutcome evaluate(Listener listener, ExecutionHeader h, EndVariables variables) {
        for (Condition c : listener.simpleConditions()) {
            if (!Conditions.holds(c, h)) {
                return null;
            }
        }
        if (listener.multipleConditions().isEmpty()) {
            return new TriggerOutcome.Start(TriggeredStart.of(listener, h, renderInputs(listener, variables)));
        }
        List<WindowMatch.ConditionProgress> progress = new ArrayList<>();
        boolean any = false;
        for (MultipleCondition m : listener.multipleConditions()) {
            WindowMatch.ConditionProgress p = progress(m, h);
            any |= !p.matched().isEmpty();
            progress.add(p);
        }
        if (!any) {
            return null;
        }
        CreateExecution start = null;
        String inputsError = null;
        try {
            start = TriggeredStart.of(listener, h, renderInputs(listener, variables));
        } catch (RuntimeException e) {
            // the match still counts towards the window; only a start it would complete is skipped
            inputsError = message(e);
        }
        return new WindowMatch(listener.flow().namespace(), listener.flow().id(), listener.trigger().id(), h.id(),
            endDate(h), progress, start, inputsError);
    }

    private static WindowMatch.ConditionProgress progress(MultipleCondition m, ExecutionHeader h) {
        if (m.id() == null || m.id().isBlank()) {
            throw new UnsupportedConditionException("a MultipleCondition needs an id (its window is stored under it)");
        }
        if (m.conditions() == null || m.conditions().isEmpty()) {
            throw new UnsupportedConditionException("MultipleCondition " + m.id() + " has no conditions");
        }
        Window.of(m.window(), m.windowAdvance(), endDate(h)); // rejects a window that is not positive
        List<String> names = new ArrayList<>(m.conditions().keySet());
        List<String> matched = new ArrayList<>();
        for (Map.Entry<String, Condition> e : m.conditions().entrySet()) {
            if (e.getValue() != null && Conditions.holds(e.getValue(), h)) {
                matched.add(e.getKey());
            }
        }
        return new WindowMatch.ConditionProgress(m.id(), m.window(), m.windowAdvance(), names, matched);
    }

    private Map<String, Object> renderInputs(Listener listener, EndVariables variables) {
        Map<String, Object> inputs = listener.trigger().inputs();
        if (inputs == null || inputs.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : inputs.entrySet()) {
            try {
                rendered.put(e.getKey(), ValueRenderer.render(e.getValue(), t -> TemplateEngine.isTemplate(t)
                    ? engine.render(t, variables.get()) : t));
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("input '" + e.getKey() + "' cannot be rendered: " + message(ex), ex);
            }
        }
        return rendered;
    }

    private static Instant endDate(ExecutionHeader h) {
        Instant end = h.state().endDate();
        return end != null ? end : h.state().histories().getLast().date();
    }

    private static TriggerOutcome.Skipped skipped(Listener l, ExecutionHeader h, String reason) {
        return new TriggerOutcome.Skipped(l.flow().namespace(), l.flow().id(), l.trigger().id(), h.id(), reason);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The ending execution's template variables, built once and only if some input needs them. */
    private static final class EndVariables {
        private final ExecutionView ended;
        private final Flow flow;
        private Map<String, Object> variables;

        EndVariables(ExecutionView ended, Flow flow) {
            this.ended = ended;
            this.flow = flow;
        }

        Map<String, Object> get() {
            if (variables == null) {
                ExecutionHeader h = ended.header();
                if (flow == null) {
                    throw new IllegalStateException("flow " + h.namespace() + "/" + h.flowId()
                        + " of the ending execution is not known (deleted?)");
                }
                Flow ran = flow.revision() == h.flowRevision() ? flow : flow.withRevision(h.flowRevision());
                variables = Variables.forExecution(ran, ended);
            }
            return variables;
        }
    }
}
