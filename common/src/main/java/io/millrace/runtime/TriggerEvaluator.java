package io.millrace.runtime;

import io.millrace.model.trigger.PollResult;
import io.millrace.model.trigger.PollingTrigger;
import io.millrace.model.trigger.Trigger;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.model.trigger.TriggerFailure;
import io.millrace.serde.Json;
import io.millrace.template.TemplateEngine;
import io.millrace.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates one {@link TriggerEvaluation} on the calling thread: binds the trigger the scheduler sent, checks
 * it, and calls {@link PollingTrigger#evaluate}. Every failure becomes a short message for the flow's author —
 * no stack trace, and every secret value the evaluation rendered masked.
 */
public final class TriggerEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerEvaluator.class);

    private final TemplateEngine engine;
    private final RunnerSettings settings;

    public TriggerEvaluator(TemplateEngine engine, RunnerSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * How one evaluation ended: a result to answer with (and acknowledge once answered), or an error.
     *
     * @param result what the trigger found; null when it failed
     * @param error  why it failed, for the answer; null when it did not
     */
    public record Outcome(PollResult result, String error) implements AutoCloseable {

        static Outcome failed(String error) {
            return new Outcome(null, error);
        }

        @Override
        public void close() {
            if (result != null) {
                try {
                    result.close();
                } catch (Exception e) {
                    LOG.debug("closing an evaluation's resources: {}", e.toString());
                }
            }
        }
    }

    /** Evaluates the trigger once; fails only when interrupted. */
    public Outcome evaluate(TriggerEvaluation evaluation) throws InterruptedException {
        PollingTrigger trigger;
        try {
            trigger = bind(evaluation.trigger());
        } catch (TriggerFailure e) {
            return Outcome.failed(e.getMessage());
        }
        Map<String, String> problems = trigger.problems();
        if (!problems.isEmpty()) {
            return Outcome.failed(problems.entrySet().stream().map(p -> p.getKey() + ": " + p.getValue())
                .collect(Collectors.joining("; ")));
        }
        DefaultTriggerContext context = new DefaultTriggerContext(evaluation, engine, settings);
        try {
            return new Outcome(trigger.evaluate(context), null);
        } catch (InterruptedException e) {
            throw e;
        } catch (TriggerFailure e) {
            return Outcome.failed(context.mask(e.getMessage()));
        } catch (TemplateException e) {
            return Outcome.failed(context.mask("a template of the trigger failed: " + e.getMessage()));
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("the evaluation was interrupted");
            }
            LOG.debug("evaluation {} of trigger {} failed", evaluation.evaluationId(), evaluation.key(), e);
            return Outcome.failed(context.mask(e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
    }

    /** The polling trigger a {@link TriggerEvaluation} names, bound like a flow's trigger. */
    static PollingTrigger bind(Map<String, Object> json) {
        if (json == null) {
            throw new TriggerFailure("the evaluation names no trigger");
        }
        Trigger bound;
        try {
            bound = Json.convert(json, Trigger.class);
        } catch (JacksonException e) {
            throw new TriggerFailure("this worker cannot read the trigger (a plugin it lacks, or a newer Millrace): "
                + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new TriggerFailure("this worker cannot read the trigger (a plugin it lacks, or a newer Millrace): "
                + e.getMessage());
        }
        if (!(bound instanceof PollingTrigger polling)) {
            throw new TriggerFailure("trigger type '" + bound.type() + "' is not evaluated by workers");
        }
        return polling;
    }
}
