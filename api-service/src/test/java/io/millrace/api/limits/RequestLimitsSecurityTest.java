package io.millrace.api.limits;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.State;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import io.millrace.serde.FlowParser;
import io.millrace.serde.Json;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an attacker's probe of the api found, over real HTTP against a real api, broker and search node:
 * oversized bodies answer 413 at once, unbounded paging and deep expressions answer 422, live follows
 * are bounded per client and freed when the client goes away, and a follow of nothing is a 404.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class RequestLimitsSecurityTest {

    private static final int MB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiServer api;
    private static KafkaClients kafka;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        api = new ApiServer(bootstrap, "millrace.indexer.flush-interval=100ms", "millrace.api.follow-heartbeat=200ms");
        kafka = api.context().getBean(KafkaClients.class);
        producer = new KafkaProducer<>(kafka.producer("limits-test"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static String flow(String namespace, String id, String message) {
        return """
            id: %s
            namespace: %s
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: "%s"
            """.formatted(id, namespace, message);
    }

    /** A valid flow padded with a comment to {@code bytes}. */
    private static String flowOfSize(String namespace, String id, int bytes) {
        String flow = flow(namespace, id, "hi");
        return flow + "# " + "x".repeat(bytes - flow.length() - 3) + "\n";
    }

    private static HttpResponse<String> send(String method, String path, String contentType,
                                             HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.uri(path)).method(method, body).header("Content-Type", contentType)
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFlowBodyOverTheLimitIsRefusedAtOnceWhetherItsLengthIsKnownOrNot() throws Exception {
        String big = flowOfSize("limits.size", "big", 2 * MB);
        for (String[] target : new String[][]{{"POST", "/api/v1/flows"}, {"PUT", "/api/v1/flows/limits.size/big"}}) {
            long start = System.nanoTime();
            HttpResponse<String> sized = send(target[0], target[1], "application/x-yaml",
                HttpRequest.BodyPublishers.ofString(big));
            assertThat(sized.statusCode()).as(target[0] + " " + sized.body()).isEqualTo(413);
            assertThat(Json.tree(sized.body()).get("message").asString())
                .contains("2097152 bytes", "millrace.api.max-flow-size");
            // chunked: no Content-Length to refuse on, so the filter reads one byte past the limit
            HttpResponse<String> chunked = send(target[0], target[1], "application/x-yaml",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
            assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
            assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(api.get("/api/v1/flows/limits.size/big").status()).as("nothing was written").isEqualTo(404);

        // a flow just under the limit goes through
        Answer fits = api.postYaml("/api/v1/flows", flowOfSize("limits.size", "fits", MB - 1024));
        assertThat(fits.status()).as(fits.body()).isEqualTo(200);
    }

    @Test
    void eachSourceOfAMultiDocumentBodyHasTheFlowLimit() {
        String body = flow("limits.multi", "small", "hi") + "---\n" + flowOfSize("limits.multi", "big", 2 * MB);
        Answer namespace = api.postYaml("/api/v1/flows/limits.multi", body);
        assertThat(namespace.status()).as(namespace.body()).isEqualTo(413);
        assertThat(namespace.json().get("message").asString()).contains("flow source 2", "millrace.api.max-flow-size");
        assertThat(api.get("/api/v1/flows/limits.multi/small").status()).as("nothing was written").isEqualTo(404);

        Answer validate = api.postYaml("/api/v1/flows/validate", body);
        assertThat(validate.status()).as(validate.body()).isEqualTo(413);
        assertThat(validate.json().get("message").asString()).contains("flow source 2");
    }

    @Test
    void anyOtherBodyOverTheRequestLimitIsRefused() throws Exception {
        byte[] json = ("{\"namespace\":\"" + "x".repeat(11 * MB) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send("POST", "/api/v1/triggers/set-disabled", "application/json",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(Json.tree(chunked.body()).get("message").asString()).contains("millrace.api.max-request-size");
    }

    @Test
    void aSlowParseHoldsUpNoOtherFlowWrite() throws Exception {
        // nine flows of about 1 MB, each of thousands of templates: checking them takes seconds
        StringBuilder body = new StringBuilder();
        for (int f = 0; f < 9; f++) {
            StringBuilder flow = new StringBuilder("id: heavy" + f + "\nnamespace: limits.slow\ntasks:\n");
            for (int t = 0; flow.length() < 1_000_000; t++) {
                flow.append("  - id: t").append(t).append("\n    type: io.kestra.plugin.core.log.Log\n")
                    .append("    message: \"{{ (((").append(t).append(" + 2) * 3) ~ 'x") .append(f).append("') | upper }}\"\n");
            }
            body.append(flow).append("---\n");
        }
        CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(HttpRequest.newBuilder(
                api.uri("/api/v1/flows/limits.slow")).header("Content-Type", "application/x-yaml")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).until(RequestLimitsSecurityTest::aFlowIsBeingParsed);

        Answer small = api.postYaml("/api/v1/flows", flow("limits.fast", "small", "hi"));

        assertThat(small.status()).as(small.body()).isEqualTo(200);
        assertThat(aFlowIsBeingParsed()).as("the small flow was written while the large ones were still being checked")
            .isTrue();
        HttpResponse<String> done = slow.get(2, TimeUnit.MINUTES);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(Json.tree(done.body())).hasSize(9);
    }

    /** Whether a thread of the api (it runs in this JVM) is inside the flow parser. */
    private static boolean aFlowIsBeingParsed() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack)
            .anyMatch(frame -> frame.getClassName().equals(FlowParser.class.getName())));
    }

    @Test
    void pagingIsBoundedOnEverySearch() {
        for (String search : List.of("/api/v1/executions/search?", "/api/v1/flows/search?", "/api/v1/logs/search?",
            "/api/v1/triggers/search?")) {
            Answer huge = api.get(search + "size=100000");
            assertThat(huge.status()).as(search + huge.body()).isEqualTo(422);
            assertThat(huge.json().get("message").asString()).contains("size 100000", "millrace.api.max-page-size");

            Answer overflow = api.get(search + "page=2147483647");
            assertThat(overflow.status()).as(search + overflow.body()).isEqualTo(422);
            assertThat(overflow.json().get("message").asString()).contains("page 2147483647", "max-result-window");

            Answer deep = api.get(search + "page=11&size=1000");
            assertThat(deep.status()).as(search + deep.body()).isEqualTo(422);
            assertThat(api.get(search + "page=10&size=1000").status()).as(search + " the last page of the window")
                .isEqualTo(200);

            assertThat(api.get(search + "page=0").json().get("message").asString()).contains("page must be 1 or more");
            assertThat(api.get(search + "size=0").status()).isEqualTo(422);
            assertThat(api.get(search + "size=-5").json().get("message").asString()).contains("size must be 1 or more");
        }
        api.postYaml("/api/v1/flows", flow("limits.paging", "one", "hi"));
        assertThat(api.get("/api/v1/triggers/limits.paging/one?size=100000").status()).isEqualTo(422);
    }

    @Test
    void aDeepExpressionIsAClearRefusalNotAServerError() {
        String deep = "{{ " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " }}";
        Answer created = api.postYaml("/api/v1/flows", flow("limits.deep", "expression", deep));
        assertThat(created.status()).as(created.body()).isEqualTo(422);
        assertThat(created.json().get("message").asString()).contains("line 6", "nests more than 100 levels deep");
        assertThat(created.json().get("details").get(0).get("path").asString()).isEqualTo("tasks[0].message");

        Answer validated = api.postYaml("/api/v1/flows/validate", flow("limits.deep", "expression", deep));
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.json().get(0).get("valid").asBoolean()).isFalse();

        String yaml = "id: yaml\nnamespace: limits.deep\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n"
            + "    message: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        Answer nested = api.postYaml("/api/v1/flows", yaml);
        assertThat(nested.status()).as(nested.body()).isEqualTo(422);
        assertThat(nested.json().get("message").asString()).startsWith("invalid flow: line ");

        assertThat(api.postYaml("/api/v1/flows", flow("limits.deep", "fine", "{{ ((1)) }}")).status()).isEqualTo(200);
    }

    @Test
    void aFollowOfAnUnknownExecutionIsA404() {
        for (String follow : List.of("/api/v1/executions/nope/follow", "/api/v1/logs/nope/follow")) {
            Answer answer = api.get(follow, "Accept", "text/event-stream");
            assertThat(answer.status()).as(follow + answer.body()).isEqualTo(404);
            assertThat(answer.contentType()).contains("json");
            assertThat(answer.json().get("message").asString()).isEqualTo("execution nope does not exist");
        }
    }

    @Test
    void aClientHoldsAtMostTwentyFollowsAndOneItAbandonsIsFreed() throws Exception {
        String id = "limits-follow-" + System.nanoTime();
        String topic = kafka.topic(Topic.EXECUTIONS);
        Instant t0 = Instant.now();
        ExecutionHeader running = new ExecutionHeader(id, "limits.follow", "f", 1, State.of(ExecutionStatus.CREATED, t0),
            Map.of(), List.of(), null, null, null, null, 1, null, null, 0).to(ExecutionStatus.RUNNING, t0);
        producer.send(new ProducerRecord<>(topic, id, VersionedJsonSerde.<ExecutionHeader>of(Topic.EXECUTIONS)
            .serialize(topic, running))).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/executions/" + id).status() == 200);

        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String path = i % 2 == 0 ? "/api/v1/executions/" + id + "/follow" : "/api/v1/logs/" + id + "/follow";
                HttpResponse<InputStream> follow = follow(path).get(30, TimeUnit.SECONDS);
                open.add(follow);
                assertThat(follow.statusCode()).as("follow " + (i + 1)).isEqualTo(200);
            }
            Answer refused = api.get("/api/v1/logs/" + id + "/follow", "Accept", "text/event-stream");
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().get("message").asString()).contains("millrace.api.max-follows-per-client");
            assertThat(api.get("/api/v1/executions/" + id + "/follow").status()).isEqualTo(429);

            // a client that goes away without a word: the heartbeat's write fails and frees its slot
            open.removeFirst().body().close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<InputStream> again = follow("/api/v1/executions/" + id + "/follow").get(30, TimeUnit.SECONDS);
                open.add(again);
                assertThat(again.statusCode()).isEqualTo(200);
            });
        } finally {
            for (HttpResponse<InputStream> r : open) {
                r.body().close();
            }
        }
    }

    private static CompletableFuture<HttpResponse<InputStream>> follow(String path) {
        return HTTP.sendAsync(HttpRequest.newBuilder(api.uri(path)).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofInputStream());
    }
}
