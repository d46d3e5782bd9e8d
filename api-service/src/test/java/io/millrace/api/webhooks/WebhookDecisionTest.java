package io.millrace.api.webhooks;

import io.millrace.model.Flow;
import io.millrace.serde.FlowParser;
import io.millrace.template.EnvironmentSecrets;
import io.millrace.template.TemplateEngine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a request comes to, decided from the flow and the request alone. */
class WebhookDecisionTest {

    private final WebhookDecision decision = new WebhookDecision(
        new TemplateEngine(new EnvironmentSecrets(Map.of(), Map.of("HOOK_KEY", "from-a-secret"))));

    private static Flow flow(String triggers) {
        return new FlowParser().parse("""
            id: f
            namespace: n
            inputs:
              - id: ref
                type: STRING
                required: false
            tasks:
              - id: t
                type: io.kestra.plugin.core.log.Log
                message: hi
            triggers:
            """ + triggers);
    }

    private static WebhookRequest json(String body) {
        return new WebhookRequest(Map.of("Content-Type", List.of("application/json")), Map.of(), "application/json",
            body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void theKeyMayReadASecretAndOnlyTheEnabledTriggerWithThatKeyStarts() {
        Flow flow = flow("""
              - id: old
                type: io.kestra.plugin.core.trigger.Webhook
                key: "{{ secret('HOOK_KEY') }}"
                disabled: true
              - id: current
                type: io.kestra.plugin.core.trigger.Webhook
                key: "{{ secret('HOOK_KEY') }}"
                inputs:
                  ref: "{{ trigger.body.ref }}"
            """);

        WebhookOutcome outcome = decision.decide(flow, "from-a-secret", json("{\"ref\": \"main\"}"));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Start.class, s -> {
            assertThat(s.trigger().id()).isEqualTo("current");
            assertThat(s.inputs()).isEqualTo(Map.of("ref", "main"));
        });
        assertThat(decision.decide(flow, "{{ secret('HOOK_KEY') }}", json("{}")))
            .as("the template itself is not the key").isInstanceOf(WebhookOutcome.NotFound.class);
        assertThat(decision.decide(flow, "", json("{}"))).isInstanceOf(WebhookOutcome.NotFound.class);
    }

    @Test
    void aDisabledFlowHasNoWebhook() {
        Flow flow = new FlowParser().parse("""
            id: f
            namespace: n
            disabled: true
            tasks:
              - id: t
                type: io.kestra.plugin.core.log.Log
                message: hi
            triggers:
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: k
            """);
        assertThat(decision.decide(flow, "k", json("{}"))).isInstanceOf(WebhookOutcome.NotFound.class);
    }

    @Test
    void everyConditionMustHoldAndOneThatFailsToRenderDoesNot() {
        Flow flow = flow("""
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: k
                conditions:
                  - type: io.kestra.plugin.core.condition.Expression
                    expression: "{{ flow.namespace == 'n' }}"
                  - type: io.kestra.plugin.core.condition.Expression
                    expression: "{{ trigger.body.count > 2 }}"
            """);

        assertThat(decision.decide(flow, "k", json("{\"count\": 3}"))).isInstanceOf(WebhookOutcome.Start.class);
        assertThat(decision.decide(flow, "k", json("{\"count\": 1}")))
            .isInstanceOfSatisfying(WebhookOutcome.ConditionsNotMet.class,
                c -> assertThat(c.reason()).isEqualTo("condition 1 is false"));
        assertThat(decision.decide(flow, "k", json("[1, 2]")))
            .isInstanceOfSatisfying(WebhookOutcome.ConditionsNotMet.class,
                c -> assertThat(c.reason()).startsWith("condition 1 failed"));
    }

    @Test
    void anInputThatCannotBeRenderedRefusesTheRequestNamingTheInput() {
        Flow flow = flow("""
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: k
                inputs:
                  ref: "{{ trigger.body.missing.deeper }}"
            """);
        assertThat(decision.decide(flow, "k", json("{}")))
            .isInstanceOfSatisfying(WebhookOutcome.Refused.class,
                r -> assertThat(r.message()).startsWith("input 'ref' of trigger hook cannot be rendered"));
    }
}
