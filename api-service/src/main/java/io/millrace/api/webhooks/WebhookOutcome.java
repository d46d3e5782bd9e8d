package io.millrace.api.webhooks;

import io.millrace.model.execution.ExecutionTrigger;
import io.millrace.model.trigger.Webhook;

import java.util.Map;

/** What a request to a webhook URL comes to, decided from the flow and the request alone. */
public sealed interface WebhookOutcome {

    /** No enabled Webhook trigger of an enabled flow has that key; the caller learns no more than that. */
    record NotFound() implements WebhookOutcome {
    }

    /** The key matched but a condition of the trigger does not hold: no execution. */
    record ConditionsNotMet(String triggerId, String reason) implements WebhookOutcome {
    }

    /** The key matched but the trigger's inputs cannot be rendered from this request. */
    record Refused(String message) implements WebhookOutcome {
    }

    /** Start an execution with these trigger variables and inputs. */
    record Start(Webhook webhook, ExecutionTrigger trigger, Map<String, Object> inputs) implements WebhookOutcome {
    }
}
