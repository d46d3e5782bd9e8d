package io.millrace.tasks.http;

import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.runtime.RunnerSettings;
import io.millrace.runtime.TriggerEvaluator;
import io.millrace.runtime.TriggerEvaluator.Outcome;
import io.millrace.template.EnvironmentSecrets;
import io.millrace.template.TemplateEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP trigger evaluated once against a real local server, as a worker evaluates it. */
class HttpTriggerTest {

    @TempDir
    Path work;

    private TestHttpServer server;
    private TriggerEvaluator evaluator;

    @BeforeEach
    void setUp() {
        server = new TestHttpServer();
        TemplateEngine engine = new TemplateEngine(new EnvironmentSecrets(Map.of(), Map.of("TOKEN", "s3cr3t-token")));
        evaluator = new TriggerEvaluator(engine, new RunnerSettings("w1", Map.of(), work, Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Outcome evaluate(String yaml) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Object> trigger = YAMLMapper.builder().build().readValue(yaml, Map.class);
        return evaluator.evaluate(new TriggerEvaluation("ev-1", "company.team", "watch", 3, trigger.get("id").toString(),
            trigger, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void a_2xx_response_fires_once_with_the_response_as_trigger_variables() throws Exception {
        server.respond("/status", 200, "{\"ready\":true}", Map.of("Content-Type", List.of("application/json")));

        try (Outcome outcome = evaluate("""
            id: http
            type: io.kestra.plugin.core.http.Trigger
            uri: %s
            headers:
              Authorization: "Bearer {{ secret('TOKEN') }}"
            """.formatted(server.url("/status")))) {

            assertThat(outcome.error()).isNull();
            assertThat(outcome.result().fires()).hasSize(1);
            Map<String, Object> fire = outcome.result().fires().getFirst();
            assertThat(fire).containsEntry("code", 200).containsEntry("body", "{\"ready\":true}")
                .containsEntry("uri", server.url("/status"));
            assertThat(fire.get("headers")).asString().contains("application/json");
        }
        assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer s3cr3t-token");
    }

    @Test
    void by_default_an_error_status_fires_nothing() throws Exception {
        server.respond("/down", 503, "maintenance");

        try (Outcome outcome = evaluate("""
            id: http
            type: io.millrace.core.http.Trigger
            uri: %s
            """.formatted(server.url("/down")))) {

            assertThat(outcome.error()).isNull();
            assertThat(outcome.result().fires()).isEmpty();
        }
    }

    @Test
    void the_response_condition_reads_the_body_status_and_headers() throws Exception {
        server.respond("/price", 200, "{\"price\": 99}", Map.of("X-Currency", List.of("EUR")));
        server.respond("/dear", 200, "{\"price\": 250}");
        String trigger = """
            id: http
            type: io.millrace.core.http.Trigger
            uri: %s
            method: POST
            body: '{"flow": "{{ flow.id }}"}'
            responseCondition: "{{ response.statusCode == 200 and json(response.body).price <= 110 }}"
            """;

        try (Outcome cheap = evaluate(trigger.formatted(server.url("/price")));
             Outcome dear = evaluate(trigger.formatted(server.url("/dear")))) {
            assertThat(cheap.result().fires()).hasSize(1);
            assertThat(dear.result().fires()).isEmpty();
        }
        TestHttpServer.Received first = server.takeRequest();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.body()).isEqualTo("{\"flow\": \"watch\"}");
    }

    @Test
    void a_failed_request_is_an_error_without_the_secret_it_used() throws Exception {
        server.hang("/slow");

        try (Outcome outcome = evaluate("""
            id: http
            type: io.millrace.core.http.Trigger
            uri: "%s?token={{ secret('TOKEN') }}"
            options:
              readTimeout: PT0.3S
            """.formatted(server.url("/slow")))) {

            assertThat(outcome.result()).isNull();
            assertThat(outcome.error()).contains("no response within readTimeout").doesNotContain("s3cr3t-token");
        }
    }

    @Test
    void a_template_error_is_a_short_message() throws Exception {
        try (Outcome outcome = evaluate("""
            id: http
            type: io.millrace.core.http.Trigger
            uri: "{{ inputs.missing }}"
            """)) {
            assertThat(outcome.error()).startsWith("a template of the trigger failed").doesNotContain("\tat ");
        }
    }

    @Test
    void a_non_positive_interval_is_refused_before_any_request() throws Exception {
        server.respond("/status", 200, "ok");

        try (Outcome outcome = evaluate("""
            id: http
            type: io.millrace.core.http.Trigger
            uri: %s
            interval: PT0S
            """.formatted(server.url("/status")))) {
            assertThat(outcome.error()).isEqualTo("interval: must be a positive duration, not PT0S");
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void truthiness_follows_kestra() {
        assertThat(List.of("true", "1", "yes", " x ")).allMatch(HttpTrigger::isTrue);
        assertThat(List.of("", "false", "FALSE", "0", "-0", "null", " ")).noneMatch(HttpTrigger::isTrue);
    }
}
