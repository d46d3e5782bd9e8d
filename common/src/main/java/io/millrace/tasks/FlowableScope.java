package io.millrace.tasks;

import io.millrace.model.execution.ExecutionView;
import io.millrace.model.execution.TaskRun;

import java.time.Instant;

/** What a flowable task sees when it decides: its own task run, the execution, rendering and the clock. */
public interface FlowableScope {

    /** The flowable's own task run; null when the orchestrator resolves the flow's top level. */
    TaskRun parent();

    /** Id of the parent task run, null at the top level. */
    default String parentId() {
        return parent() == null ? null : parent().id();
    }

    /** The iteration value children inherit: the parent's value. */
    default String value() {
        return parent() == null ? null : parent().value();
    }

    ExecutionView execution();

    /** The child whose change caused this call; null when the flowable starts, resumes or wakes up. */
    TaskRun trigger();

    /** Renders a template in the flowable's own context (strict). */
    String render(String template);

    /** Renders every string inside a JSON-like value. */
    Object renderValue(Object value);

    /** The orchestrator's clock. */
    Instant now();
}
