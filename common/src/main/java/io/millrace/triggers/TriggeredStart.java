package io.millrace.triggers;

import io.millrace.model.Label;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionTrigger;
import io.millrace.util.Ids;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CreateExecution a Flow trigger sends, with an id derived from what caused it. */
public final class TriggeredStart {

    private TriggeredStart() {
    }

    /**
     * The start of {@code listener}'s flow caused by the end of {@code ended}. Its id is derived from
     * the ending execution, which of its ends this is, and the target trigger: evaluating the same
     * end again gives the same id, which the executor ignores.
     */
    public static CreateExecution of(Listener listener, ExecutionHeader ended, Map<String, Object> inputs) {
        String id = Ids.derived("flow-trigger", ended.id(), String.valueOf(TriggeringEnd.endNumber(ended)),
            listener.flow().namespace(), listener.flow().id(), listener.trigger().id());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("executionId", ended.id());
        variables.put("namespace", ended.namespace());
        variables.put("flowId", ended.flowId());
        variables.put("flowRevision", ended.flowRevision());
        variables.put("state", ended.status().name());
        ExecutionTrigger trigger = new ExecutionTrigger(listener.trigger().id(), listener.trigger().type(), variables);
        String correlationId = ended.label(Label.CORRELATION_ID);
        if (correlationId == null) {
            correlationId = ended.id();
        }
        // revision null: the executor runs the flow's newest revision, the one it knows
        return new CreateExecution(id, listener.flow().namespace(), listener.flow().id(), null, inputs,
            List.of(new Label(Label.CORRELATION_ID, correlationId)), trigger, null, null, null, 1);
    }

    /** {@code start} as fired by windows that began at {@code windowStarts}: one start per completed set. */
    public static CreateExecution inWindows(CreateExecution start, String windowStarts) {
        return new CreateExecution(Ids.derived(start.executionId(), "windows", windowStarts), start.namespace(),
            start.flowId(), start.revision(), start.inputs(), start.labels(), start.trigger(), start.scheduleDate(),
            start.parentTask(), start.originalId(), start.attemptNumber(), start.subflowDepth());
    }
}
