package io.millrace.tasks;

import io.millrace.model.LogLevel;
import io.millrace.model.WorkerGroup;
import io.millrace.model.WorkerLoss;
import io.millrace.model.retry.Retry;
import io.millrace.plugin.Prop;
import io.millrace.serde.FieldBound;

import java.time.Duration;

/**
 * A step of a flow. Concrete types are either {@link RunnableTask}s, which a worker runs, or
 * {@link FlowableTask}s, which the executor expands into child task runs. Properties are bound
 * from YAML by field, so subclasses declare plain fields with defaults and read-only accessors.
 */
@FieldBound
public abstract class Task {

    @Prop(value = "Identifier of the task, unique within the flow.", required = true)
    protected String id;

    @Prop(value = "Type of the task (a Millrace type id or its Kestra name).", required = true)
    protected String type;

    @Prop("Free text shown in the UI and documentation.")
    protected String description;

    @Prop("How a failed attempt is retried.")
    protected Retry retry;

    @Prop("Maximum duration of one attempt (ISO-8601, e.g. PT5M); the task is stopped and fails after it.")
    protected Duration timeout;

    @Prop("A disabled task is left out of the flow: it gets no task run.")
    protected Boolean disabled;

    @Prop("When the task fails, its task run ends in WARNING and the flow goes on.")
    protected Boolean allowFailure;

    @Prop("When the task ends in WARNING, its task run ends in SUCCESS.")
    protected Boolean allowWarning;

    @Prop(value = "Run the task only when this expression renders truthy; otherwise its task run is SKIPPED.", dynamic = true)
    protected String runIf;

    @Prop("Minimum level of the log lines the task keeps.")
    protected LogLevel logLevel;

    @Prop("Runs the task only on workers of this group.")
    protected WorkerGroup workerGroup;

    @Prop("What happens when the worker running an attempt dies or stops before the attempt ends: RESUBMIT "
        + "(default) runs it again as a new attempt; FAIL fails the task run naming the lost worker, for tasks "
        + "that must never run twice.")
    protected WorkerLoss onWorkerLoss;

    public String id() {
        return id;
    }

    /** The type as written in the flow (possibly a Kestra alias). */
    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    public Retry retry() {
        return retry;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean isDisabled() {
        return Boolean.TRUE.equals(disabled);
    }

    public boolean isAllowFailure() {
        return Boolean.TRUE.equals(allowFailure);
    }

    public boolean isAllowWarning() {
        return Boolean.TRUE.equals(allowWarning);
    }

    public String runIf() {
        return runIf;
    }

    public LogLevel logLevel() {
        return logLevel;
    }

    public WorkerGroup workerGroup() {
        return workerGroup;
    }

    /** What happens to an attempt whose worker is lost: RESUBMIT unless the task says FAIL. */
    public WorkerLoss onWorkerLoss() {
        return onWorkerLoss == null ? WorkerLoss.RESUBMIT : onWorkerLoss;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
