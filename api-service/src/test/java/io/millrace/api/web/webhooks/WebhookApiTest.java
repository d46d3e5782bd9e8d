package io.millrace.api.web.webhooks;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook URL over real HTTP against a real broker: what each kind of request starts, read back
 * as the {@code CreateExecution} command the executor would get, and what starts nothing.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class WebhookApiTest {

    private static final String KEY = "4wjtkzwVGBM9yKnjm3yv8r";
    private static ApiServer api;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        api = new ApiServer(bootstrap, "millrace.webhook.max-body-size=16KB");
        deploy("""
            id: hook
            namespace: company.hooks
            inputs:
              - id: who
                type: STRING
                required: false
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: "{{ trigger.body }}"
            triggers:
              - id: off
                type: io.kestra.plugin.core.trigger.Webhook
                key: switched-off
                disabled: true
              - id: push
                type: io.kestra.plugin.core.trigger.Webhook
                key: %s
                inputs:
                  who: "{{ trigger.body.user ?? 'nobody' }}"
              - id: templated
                type: io.kestra.plugin.core.trigger.Webhook
                key: "{{ flow.id }}-templated"
              - id: only-opened
                type: io.kestra.plugin.core.trigger.Webhook
                key: only-opened
                conditions:
                  - type: io.kestra.plugin.core.condition.ExpressionCondition
                    expression: "{{ trigger.body.action == 'opened' and trigger.parameters.source[0] == 'ci' }}"
            """.formatted(KEY));
        deploy("""
            id: sleeping
            namespace: company.hooks
            disabled: true
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: hi
            triggers:
              - id: push
                type: io.kestra.plugin.core.trigger.Webhook
                key: %s
            """.formatted(KEY));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static void deploy(String yaml) {
        Answer created = api.postYaml("/api/v1/flows", yaml);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    @Test
    void aJsonBodyStartsAnExecutionWithBodyHeadersParametersAndInputs() {
        Answer answer = api.send("POST", "/api/v1/executions/webhook/company.hooks/hook/" + KEY + "?source=ci&source=cd",
            "application/json", "{\"user\": \"ada\", \"commits\": [1, 2]}",
            "X-Event", "push", "Authorization", "Bearer caller-secret", "Cookie", "session=caller-cookie");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("state").get("current").asString()).isEqualTo("CREATED");
        assertThat(json.get("flowId").asString()).isEqualTo("hook");
        assertThat(answer.body()).doesNotContain("caller-secret", "caller-cookie", KEY);

        CreateExecution create = command(json.get("id").asString());
        assertThat(create.trigger().id()).isEqualTo("push");
        assertThat(create.trigger().type()).isEqualTo("io.kestra.plugin.core.trigger.Webhook");
        Map<String, Object> variables = create.trigger().variables();
        assertThat(variables.get("body")).isEqualTo(Map.of("user", "ada", "commits", List.of(1, 2)));
        assertThat(header(variables, "x-event")).isEqualTo(List.of("push"));
        assertThat(header(variables, "authorization")).isNull();
        assertThat(header(variables, "cookie")).isNull();
        assertThat(variables.get("parameters")).isEqualTo(Map.of("source", List.of("ci", "cd")));
        assertThat(create.inputs()).isEqualTo(Map.of("who", "ada"));
        assertThat(create.revision()).isEqualTo(1);
    }

    @Test
    void aFormOrTextBodyIsTheTextAsSent() {
        Answer form = api.send("PUT", "/api/v1/executions/webhook/company.hooks/hook/" + KEY,
            "application/x-www-form-urlencoded", "a=1&b=two");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        CreateExecution fromForm = command(form.json().get("id").asString());
        assertThat(fromForm.trigger().variables().get("body")).isEqualTo("a=1&b=two");
        assertThat(fromForm.trigger().variables().get("parameters")).isEqualTo(Map.of());
        assertThat(fromForm.inputs()).as("a string body has no user").isEqualTo(Map.of("who", "nobody"));

        Answer text = api.send("POST", "/api/v1/executions/webhook/company.hooks/hook/" + KEY, "text/plain",
            "{not json");
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        assertThat(command(text.json().get("id").asString()).trigger().variables().get("body")).isEqualTo("{not json");
    }

    @Test
    void aGetCarriesItsQueryParametersAndNoBody() {
        Answer answer = api.get("/api/v1/executions/webhook/company.hooks/hook/" + KEY + "?ref=main&empty&sp=a%20b");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Map<String, Object> variables = command(answer.json().get("id").asString()).trigger().variables();
        assertThat(variables).doesNotContainKey("body");
        assertThat(variables.get("parameters")).isEqualTo(Map.of("ref", List.of("main"), "empty", List.of(""),
            "sp", List.of("a b")));
    }

    @Test
    void aTemplatedKeyIsRenderedAndKestrasTenantPathAnswersToo() {
        Answer answer = api.send("POST", "/api/v1/main/executions/webhook/company.hooks/hook/hook-templated", null, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(command(answer.json().get("id").asString()).trigger().id()).isEqualTo("templated");
    }

    @Test
    void aWrongKeyAnUnknownFlowADisabledFlowAndADisabledTriggerAllAnswerTheSame404() {
        List<Answer> answers = List.of(
            api.get("/api/v1/executions/webhook/company.hooks/hook/" + KEY + "x"),
            api.get("/api/v1/executions/webhook/company.hooks/nothing/" + KEY),
            api.get("/api/v1/executions/webhook/company.hooks/sleeping/" + KEY),
            api.get("/api/v1/executions/webhook/company.hooks/hook/switched-off"),
            api.send("POST", "/api/v1/executions/webhook/company.hooks/hook/%7B%7B%20flow.id%20%7D%7D-templated", null, null));
        for (Answer a : answers) {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.contentType()).startsWith("application/json");
            assertThat(a.body()).isEqualTo("{\"message\":\"no webhook at this URL\"}");
        }
        assertThat(api.send("DELETE", "/api/v1/executions/webhook/company.hooks/hook/" + KEY, null, null).status())
            .isEqualTo(405);
    }

    @Test
    void aConditionThatDoesNotHoldStartsNothingAndAnswers204() {
        String url = "/api/v1/executions/webhook/company.hooks/hook/only-opened";
        assertThat(api.send("POST", url + "?source=ci", "application/json", "{\"action\": \"closed\"}").status())
            .isEqualTo(204);
        assertThat(api.send("POST", url + "?source=other", "application/json", "{\"action\": \"opened\"}").status())
            .isEqualTo(204);
        assertThat(api.send("POST", url, "text/plain", "no fields to read").status())
            .as("an expression reading what the request lacks does not hold").isEqualTo(204);
        Answer started = api.send("POST", url + "?source=ci", "application/json", "{\"action\": \"opened\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);

        // every request was answered after its command (if any) was written: the topic now holds them all
        List<CreateExecution> fromThisTrigger = commands().stream()
            .filter(c -> c.trigger() != null && "only-opened".equals(c.trigger().id())).toList();
        assertThat(fromThisTrigger).extracting(CreateExecution::executionId)
            .containsExactly(started.json().get("id").asString());
    }

    @Test
    void aMultipartFormGivesItsTextFieldsAndRefusesFiles() {
        String boundary = "----webhook-test";
        String fields = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nv1\r\n"
            + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tag\"\r\n\r\nv2\r\n";
        Answer form = api.send("POST", "/api/v1/executions/webhook/company.hooks/hook/" + KEY,
            "multipart/form-data; boundary=" + boundary, fields + "--" + boundary + "--\r\n");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        Map<String, Object> variables = command(form.json().get("id").asString()).trigger().variables();
        assertThat(variables.get("formFields")).isEqualTo(Map.of("tag", List.of("v1", "v2")));
        assertThat(variables).doesNotContainKey("body");

        Answer file = api.send("POST", "/api/v1/executions/webhook/company.hooks/hook/" + KEY,
            "multipart/form-data; boundary=" + boundary, fields + "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nabc\r\n--" + boundary
                + "--\r\n");
        assertThat(file.status()).isEqualTo(415);
        assertThat(file.json().get("message").asString()).contains("no file parts");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String big = "x".repeat(16 * 1024 + 1);
        Answer answer = api.send("POST", "/api/v1/executions/webhook/company.hooks/hook/" + KEY, "text/plain", big);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("message").asString()).contains("millrace.webhook.max-body-size");
        assertThat(api.send("POST", "/api/v1/executions/webhook/company.hooks/hook/" + KEY, "text/plain",
            big.substring(1)).status()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static Object header(Map<String, Object> variables, String name) {
        Map<String, Object> headers = (Map<String, Object>) variables.get("headers");
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
            .findFirst().orElse(null);
    }

    private static CreateExecution command(String executionId) {
        return commands().stream().filter(c -> c.executionId().equals(executionId)).findFirst()
            .orElseThrow(() -> new AssertionError("no CreateExecution for " + executionId));
    }

    /** Every CreateExecution on execution_commands, up to its end now. */
    private static List<CreateExecution> commands() {
        KafkaClients kafka = api.context().getBean(KafkaClients.class);
        String topic = kafka.topic(Topic.EXECUTION_COMMANDS);
        VersionedJsonSerde<ExecutionCommand> serde = VersionedJsonSerde.of(Topic.EXECUTION_COMMANDS);
        List<CreateExecution> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null, "webhook-test"),
            new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("the topic is read to its end in time").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (serde.deserialize(topic, r.value()) instanceof CreateExecution c) {
                        found.add(c);
                    }
                }
            }
        }
        return found;
    }
}
