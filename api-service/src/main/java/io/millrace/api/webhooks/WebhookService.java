package io.millrace.api.webhooks;

import io.millrace.api.executions.ExecutionService;
import io.millrace.api.flows.FlowView;
import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.model.execution.Execution;
import io.millrace.model.trigger.Webhook;
import io.millrace.serde.FlowParser;
import io.millrace.serde.FlowValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a flow for a request to its webhook URL: looks the flow up, lets {@link WebhookDecision}
 * decide, and starts the execution through {@link ExecutionService} (a {@code CreateExecution} on
 * {@code execution_commands}), waiting for its end when the trigger says {@code wait}.
 */
public final class WebhookService {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

    private final FlowView flows;
    private final ExecutionService executions;
    private final WebhookDecision decision;
    private final WebhookSettings settings;
    private final FlowParser parser = new FlowParser();

    public WebhookService(FlowView flows, ExecutionService executions, WebhookDecision decision,
                          WebhookSettings settings) {
        this.flows = flows;
        this.executions = executions;
        this.decision = decision;
        this.settings = settings;
    }

    /** What the caller is answered. */
    public sealed interface Answer {

        /** No such webhook (whatever the reason). */
        record NotFound() implements Answer {
        }

        /** The conditions do not hold: nothing started (204, as Kestra answers). */
        record NotStarted() implements Answer {
        }

        /** The inputs cannot be rendered from the request (422). */
        record Refused(String message) implements Answer {
        }

        /** The execution started, or with {@code wait} ended; the webhook says how to answer it. */
        record Started(Execution execution, Map<String, Object> json, Webhook webhook) implements Answer {
        }
    }

    /** Handles one request sent with {@code key} to the webhook URL of {@code namespace.flowId}. */
    public Answer handle(String namespace, String flowId, String key, WebhookRequest request) {
        Optional<FlowRecord> record = flows.latest(namespace, flowId);
        if (record.isEmpty()) {
            return new Answer.NotFound();
        }
        Flow flow;
        try {
            flow = parser.parse(record.get().source()).withRevision(record.get().revision());
        } catch (FlowValidationException e) {
            // a revision stored before a rule it breaks existed: it runs nothing
            return new Answer.NotFound();
        }
        return switch (decision.decide(flow, key, request)) {
            case WebhookOutcome.NotFound n -> new Answer.NotFound();
            case WebhookOutcome.ConditionsNotMet c -> {
                LOG.debug("webhook trigger {} of flow {}.{} started nothing: {}", c.triggerId(), namespace, flowId,
                    c.reason());
                yield new Answer.NotStarted();
            }
            case WebhookOutcome.Refused r -> new Answer.Refused(r.message());
            case WebhookOutcome.Start s -> {
                ExecutionService.Trigger trigger = new ExecutionService.Trigger(namespace, flowId, s.inputs(),
                    Map.of(), List.of(), null, s.trigger());
                Execution execution = executions.start(record.get(), flow, trigger,
                    s.webhook().isWait() ? settings.waitTimeout() : null);
                yield new Answer.Started(execution, executions.json(execution), s.webhook());
            }
        };
    }
}
