package io.millrace.model.trigger;

import io.millrace.model.WorkerGroup;
import io.millrace.plugin.Prop;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trigger that looks at an outside system every {@code interval}: the scheduler sends it to a worker as a
 * {@link TriggerEvaluation} when it is due, the worker {@link #evaluate evaluates} it once and answers with the
 * executions to start ({@link TriggerEvaluated#fires()}). Subclasses are plain models bound from the flow's YAML,
 * like tasks; the evaluation holds no state between two calls besides what the outside system keeps (a Kafka
 * consumer group's offsets).
 */
public abstract class PollingTrigger extends Trigger {

    /** Kestra's default interval between two evaluations. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    @Prop("Time between two evaluations (ISO-8601, default PT1M; PT1S for the Kafka RealtimeTrigger); must be "
        + "positive.")
    protected Duration interval;

    @Prop("Accepted for Kestra compatibility; Millrace workers have no groups yet, so any worker evaluates the trigger.")
    protected WorkerGroup workerGroup;

    /** Time between two evaluations. */
    public Duration interval() {
        return interval == null ? defaultInterval() : interval;
    }

    /** The interval when the flow sets none. */
    protected Duration defaultInterval() {
        return DEFAULT_INTERVAL;
    }

    public WorkerGroup workerGroup() {
        return workerGroup;
    }

    /**
     * Looks at the outside system once.
     *
     * @return the executions to start (possibly none), and what to do once the answer is stored
     * @throws TriggerFailure when the evaluation fails for a reason the flow's author should read
     */
    public abstract PollResult evaluate(TriggerContext context) throws Exception;

    /**
     * What is wrong with the trigger's properties beyond their types, by property name (empty when nothing
     * is): checked when a flow is saved, and again before each evaluation.
     */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (interval != null && (interval.isZero() || interval.isNegative())) {
            problems.put("interval", "must be a positive duration, not " + interval);
        }
        return problems;
    }
}
