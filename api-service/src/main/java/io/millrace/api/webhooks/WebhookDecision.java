package io.millrace.api.webhooks;

import io.millrace.api.templates.RenderThreads;
import io.millrace.model.Flow;
import io.millrace.model.condition.Condition;
import io.millrace.model.condition.ExpressionCondition;
import io.millrace.model.execution.ExecutionTrigger;
import io.millrace.model.trigger.Trigger;
import io.millrace.model.trigger.Webhook;
import io.millrace.template.TemplateEngine;
import io.millrace.template.ValueRenderer;
import io.millrace.util.Truth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides what a request to a flow's webhook URL does: finds the enabled Webhook trigger whose key
 * (rendered, as it may read a secret) is the one given, checks its conditions over the request,
 * and renders its inputs. Keys are compared through their SHA-256 in constant time, so neither
 * the time taken nor the answer tells how much of a guessed key was right.
 */
public final class WebhookDecision {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDecision.class);

    private final TemplateEngine engine;

    public WebhookDecision(TemplateEngine engine) {
        this.engine = engine;
    }

    /** What {@code request}, sent with {@code key} to the webhook URL of {@code flow}, does. */
    public WebhookOutcome decide(Flow flow, String key, WebhookRequest request) {
        if (flow.isDisabled()) {
            return new WebhookOutcome.NotFound();
        }
        Webhook webhook = matching(flow, key);
        if (webhook == null) {
            return new WebhookOutcome.NotFound();
        }
        Map<String, Object> trigger = WebhookVariables.of(request);
        Map<String, Object> variables = Map.of("flow", flowVariables(flow), "trigger", trigger);
        for (int i = 0; i < webhook.conditions().size(); i++) {
            String unmet = unmet(webhook.conditions().get(i), variables);
            if (unmet != null) {
                return new WebhookOutcome.ConditionsNotMet(webhook.id(), "condition " + i + " " + unmet);
            }
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : webhook.inputs().entrySet()) {
            try {
                inputs.put(e.getKey(),
                    ValueRenderer.render(e.getValue(), t -> RenderThreads.call(() -> engine.render(t, variables))));
            } catch (RuntimeException ex) {
                return new WebhookOutcome.Refused("input '" + e.getKey() + "' of trigger " + webhook.id()
                    + " cannot be rendered from this request: " + ex.getMessage());
            }
        }
        return new WebhookOutcome.Start(webhook, new ExecutionTrigger(webhook.id(), webhook.type(), trigger), inputs);
    }

    /** The first enabled Webhook trigger whose key is {@code key}; every trigger is compared, whatever matched. */
    private Webhook matching(Flow flow, String key) {
        byte[] given = sha256(key);
        Webhook found = null;
        for (Trigger t : flow.triggers()) {
            if (!(t instanceof Webhook w) || w.key() == null) {
                continue;
            }
            String expected;
            try {
                expected = RenderThreads.call(() -> engine.render(w.key(), Map.of("flow", flowVariables(flow))));
            } catch (RuntimeException e) {
                // the message names the template, never a secret it read
                LOG.warn("the key of webhook trigger {} of flow {}.{} cannot be rendered: {}", w.id(), flow.namespace(),
                    flow.id(), e.getMessage());
                continue;
            }
            if (MessageDigest.isEqual(sha256(expected), given) && found == null && !w.isDisabled()) {
                found = w;
            }
        }
        return found;
    }

    /** Null when the condition holds, else why not. */
    private String unmet(Condition condition, Map<String, Object> variables) {
        if (!(condition instanceof ExpressionCondition expression)) {
            // flow validation refuses these on a Webhook; a flow saved before that rule starts nothing
            return "of type " + condition.type() + " cannot be evaluated for a webhook";
        }
        try {
            String truth = RenderThreads.call(() -> engine.render(expression.expression(), variables));
            return Truth.isTruthy(truth) ? null : "is false";
        } catch (RuntimeException e) {
            // as in Kestra, an expression that fails (a field the request lacks) does not hold
            return "failed: " + e.getMessage();
        }
    }

    private static Map<String, Object> flowVariables(Flow flow) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", flow.id());
        f.put("namespace", flow.namespace());
        f.put("revision", flow.revision());
        return f;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
