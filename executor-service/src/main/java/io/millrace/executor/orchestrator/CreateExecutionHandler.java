package io.millrace.executor.orchestrator;

import io.millrace.model.Flow;
import io.millrace.model.Label;
import io.millrace.model.LogLevel;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.State;
import io.millrace.model.input.InputException;
import io.millrace.model.input.InputValues;
import io.millrace.secrets.SecretCipher;
import io.millrace.secrets.SecretInputs;
import io.millrace.template.TemplateEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates an execution: checks and types its inputs, seals the values of SECRET inputs, merges
 * labels, then starts it (or waits for its schedule date or a concurrency slot). A flow that does
 * not exist, is disabled, or inputs that do not fit end the execution FAILED at once, with the
 * reason in its logs; such an execution keeps no SECRET value, not even sealed.
 */
final class CreateExecutionHandler {

    private final TemplateEngine engine;
    private final int maxSubflowDepth;
    private final SecretCipher cipher;

    CreateExecutionHandler(TemplateEngine engine, int maxSubflowDepth, SecretCipher cipher) {
        this.engine = engine;
        this.maxSubflowDepth = maxSubflowDepth;
        this.cipher = cipher;
    }

    ExecutionStep handle(CreateExecution c, Flow flow, Instant now) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> inputs = c.inputs() == null ? Map.of() : c.inputs();
        if (flow == null) {
            problems.add("flow " + c.namespace() + "/" + c.flowId()
                + (c.revision() == null ? "" : " revision " + c.revision()) + " does not exist");
        } else if (flow.isDisabled()) {
            problems.add("flow " + flow.ref() + " is disabled");
        } else {
            try {
                Map<String, Object> basics = Map.of("flow", Map.of("id", flow.id(), "namespace", flow.namespace()),
                    "execution", Map.of("id", c.executionId()));
                inputs = InputValues.resolve(flow.inputs(), inputs, t -> engine.render(t, basics));
                inputs = SecretInputs.seal(flow.inputs(), inputs, cipher);
            } catch (InputException e) {
                e.problems().forEach(p -> problems.add(p.message()));
            }
        }
        if (!problems.isEmpty()) {
            // what was given may hold a SECRET value in clear: the failed execution shows it masked
            inputs = SecretInputs.masked(flow == null ? null : flow.inputs(), inputs);
        }
        ExecutionHeader header = new ExecutionHeader(c.executionId(), c.namespace(), c.flowId(),
            flow == null ? (c.revision() == null ? 0 : c.revision()) : flow.revision(),
            State.of(ExecutionStatus.CREATED, now), inputs, labels(c, flow), null, c.trigger(), null,
            c.originalId(), Math.max(1, c.attemptNumber()), c.scheduleDate(), c.parentTask(), 0, c.subflowDepth());
        ExecutionState state = ExecutionState.newExecution(header);
        ExecutionStep step = new ExecutionStep(state, flow, now, engine, maxSubflowDepth);
        if (!problems.isEmpty()) {
            for (String p : problems) {
                step.log(null, LogLevel.ERROR, p);
            }
            step.setStatus(ExecutionStatus.FAILED);
            step.tellParent(ExecutionStatus.FAILED, null, null, String.join("; ", problems));
            return step;
        }
        if (c.scheduleDate() != null && c.scheduleDate().isAfter(now)) {
            step.timers.add(new Timer(c.executionId(), Timer.Kind.START, null, 0, c.scheduleDate()));
            return step;
        }
        step.admit();
        return step;
    }

    /** Flow labels, then the command's labels (which win), then the correlation id. */
    private static List<Label> labels(CreateExecution c, Flow flow) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (flow != null) {
            for (Label l : flow.labels()) {
                merged.put(l.key(), l.value());
            }
        }
        if (c.labels() != null) {
            for (Label l : c.labels()) {
                merged.put(l.key(), l.value());
            }
        }
        merged.putIfAbsent(Label.CORRELATION_ID, c.originalId() != null ? c.originalId() : c.executionId());
        List<Label> list = new ArrayList<>();
        merged.forEach((k, v) -> list.add(new Label(k, v)));
        return list;
    }
}
