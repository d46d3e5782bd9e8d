package io.millrace.api.limits;

import io.millrace.api.ApiServer;
import io.millrace.api.security.ApiTokens;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.State;
import io.millrace.search.embedded.OpenSearchNodeExtension;
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

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request limits with authentication on, over real HTTP: the body check comes after authentication, and
 * follows are counted per user or token, not per address.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class AuthenticatedRequestLimitsSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiServer api;
    private static String ci;
    private static String ops;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        String[] first = ApiTokens.newToken();
        String[] second = ApiTokens.newToken();
        ci = "Bearer " + first[0];
        ops = "Bearer " + second[0];
        api = new ApiServer(bootstrap, "millrace.security.enabled=true",
            "millrace.security.tokens[0].name=ci", "millrace.security.tokens[0].hash=" + first[1],
            "millrace.security.tokens[1].name=ops", "millrace.security.tokens[1].hash=" + second[1],
            "millrace.api.max-follows-per-client=3", "millrace.indexer.flush-interval=100ms");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aCallerWithoutCredentialsIsRefusedBeforeItsBodyIsMeasured() throws Exception {
        byte[] big = new byte[12 * 1024 * 1024];
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(api.uri("/api/v1/flows"))
            .header("Content-Type", "application/x-yaml").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        // the probe that went unanswered: 12 MB announced by its Content-Length
        long start = System.nanoTime();
        HttpResponse<String> authenticated = HTTP.send(HttpRequest.newBuilder(api.uri("/api/v1/flows"))
            .header("Content-Type", "application/x-yaml").header("Authorization", ci)
            .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authenticated.statusCode()).as(authenticated.body()).isEqualTo(413);
        assertThat(Json.tree(authenticated.body()).get("message").asString()).contains("12582912 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDeeplyNestedJsonBodyIsARefusalNotAServerError() throws Exception {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(api.uri("/api/v1/triggers/backfill/pause/by-triggers"))
            .header("Content-Type", "application/json").header("Authorization", ci)
            .POST(HttpRequest.BodyPublishers.ofString(deep)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        assertThat(Json.tree(answer.body()).get("message").asString()).isNotBlank();
    }

    @Test
    void followsAreCountedPerTokenNotPerAddress() throws Exception {
        KafkaClients kafka = api.context().getBean(KafkaClients.class);
        String id = "auth-follow-" + System.nanoTime();
        String topic = kafka.topic(Topic.EXECUTIONS);
        Instant t0 = Instant.now();
        ExecutionHeader running = new ExecutionHeader(id, "limits.auth", "f", 1, State.of(ExecutionStatus.CREATED, t0),
            Map.of(), List.of(), null, null, null, null, 1, null, null, 0).to(ExecutionStatus.RUNNING, t0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producer("auth-limits-test"),
            new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, id, VersionedJsonSerde.<ExecutionHeader>of(Topic.EXECUTIONS)
                .serialize(topic, running))).get();
        }
        await().atMost(Duration.ofSeconds(30))
            .until(() -> api.get("/api/v1/executions/" + id, "Authorization", ci).status() == 200);

        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> follow = follow(id, ci);
                open.add(follow);
                assertThat(follow.statusCode()).isEqualTo(200);
            }
            HttpResponse<InputStream> fourth = follow(id, ci);
            open.add(fourth);
            assertThat(fourth.statusCode()).isEqualTo(429);
            HttpResponse<InputStream> other = follow(id, ops);
            open.add(other);
            assertThat(other.statusCode()).as("another token from the same address has its own budget").isEqualTo(200);
        } finally {
            for (HttpResponse<InputStream> r : open) {
                r.body().close();
            }
        }
    }

    private static HttpResponse<InputStream> follow(String id, String authorization) throws Exception {
        return HTTP.sendAsync(HttpRequest.newBuilder(api.uri("/api/v1/executions/" + id + "/follow"))
                .header("Accept", "text/event-stream").header("Authorization", authorization).build(),
            HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
    }
}
