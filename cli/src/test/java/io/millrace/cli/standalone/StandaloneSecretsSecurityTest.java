package io.millrace.cli.standalone;

import io.millrace.secrets.KeyFile;
import io.millrace.secrets.SecretCipher;
import io.millrace.serde.Json;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECRET inputs end to end on the standalone server (real broker, search node, executor, worker, HTTP):
 * the task gets the clear value; the answers, the logs, every record on every topic and every search
 * document hold it only masked or sealed; a restart reuses the key, so a replay still opens it.
 */
class StandaloneSecretsSecurityTest {

    private static final String PW = "St4ndalone-pa55word";
    private static final String SHA256 = sha256(PW);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private StandaloneServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSecretInputIsUsableByTheTaskAndNowhereInClearAndTheKeySurvivesARestart() throws Exception {
        server = StandaloneServer.start(new StandaloneServer.Options(data, 0, 0, null, List.of()));
        Path keyFile = data.resolve(KeyFile.NAME);
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String key = Files.readString(keyFile);
        assertThat(send("POST", "/api/v1/flows", "application/x-yaml", """
            id: login
            namespace: sec.e2e
            inputs:
              - id: pw
                type: SECRET
            tasks:
              - id: show
                type: io.kestra.plugin.core.log.Log
                message: "pw={{ inputs.pw }} b64={{ inputs.pw | base64encode }}"
              - id: compare
                type: io.kestra.plugin.core.debug.Return
                format: "{{ inputs.pw | sha256 }}"
            """).statusCode()).isEqualTo(200);

        HttpResponse<String> ended = run("?wait=true");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        JsonNode execution = Json.tree(ended.body());
        String id = execution.get("id").asString();
        assertThat(execution.get("state").get("current").asString()).isEqualTo("SUCCESS");
        assertThat(execution.get("inputs").get("pw").asString()).isEqualTo("******");
        // the task got the clear value (its hash, computed on the worker, is that of the clear text)
        assertThat(execution.get("taskRunList").get(1).get("outputs").get("value").asString()).isEqualTo(SHA256);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            get("/api/v1/logs/" + id).contains("pw=****** b64=******")
                && get("/api/v1/executions/" + id).contains("SUCCESS"));
        assertNoClearValue(get("/api/v1/logs/" + id), "the logs api");
        assertNoClearValue(get("/api/v1/executions/" + id), "the execution api");
        assertNoClearValue(get("/api/v1/executions/search?namespace=sec.e2e"), "the search api");
        assertNoClearValue(allRecords(server.bootstrapServers()), "the topics");
        String documents = searchDocuments(id);
        assertThat(documents).contains(SecretCipher.PREFIX);
        assertNoClearValue(documents, "the search documents");

        server.close();
        server = StandaloneServer.start(new StandaloneServer.Options(data, 0, 0, null, List.of()));

        assertThat(Files.readString(keyFile)).as("the key is reused, not made again").isEqualTo(key);
        HttpResponse<String> replayed = send("POST", "/api/v1/executions/" + id + "/replay", null, null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
        String replayId = Json.tree(replayed.body()).get("id").asString();
        // the store may show the ended header a moment before the task run that carries the output
        JsonNode again = Awaitility.await().atMost(Duration.ofSeconds(60)).until(
            () -> Json.tree(get("/api/v1/executions/" + replayId)),
            e -> "SUCCESS".equals(e.path("state").path("current").asString(null))
                && e.path("taskRunList").path(1).path("outputs").has("value"));
        assertThat(again.get("inputs").get("pw").asString()).isEqualTo("******");
        assertThat(again.get("taskRunList").get(1).get("outputs").get("value").asString())
            .as("the replay's task opened the value sealed before the restart").isEqualTo(SHA256);
        assertNoClearValue(allRecords(server.bootstrapServers()), "the topics after a replay");
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoClearValue(String text, String where) {
        byte[] bytes = PW.getBytes(StandardCharsets.UTF_8);
        assertThat(text).as(where).doesNotContain(PW).doesNotContain(Base64.getEncoder().encodeToString(bytes))
            .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Every key and value of every record on every topic of the broker, as text (raw bytes, not decoded). */
    private static String allRecords(String bootstrap) throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = admin.listTopics().names().get();
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream()
                .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("the topics are read to their end in time").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        all.write(r.key());
                    }
                    if (r.value() != null) {
                        all.write(r.value());
                    }
                    all.write('\n');
                }
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** Every document of every index of the search node, once the execution's is there. */
    private String searchDocuments(String executionId) throws Exception {
        String query = server.searchUri() + "/_all/_search?size=10000";
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fetch(query).contains(executionId));
        return fetch(query);
    }

    private static String fetch(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> run(String query) throws Exception {
        String boundary = "----millrace-secret";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"pw\"\r\n\r\n" + PW + "\r\n--"
            + boundary + "--\r\n";
        return send("POST", "/api/v1/executions/sec.e2e/login" + query, "multipart/form-data; boundary=" + boundary,
            body);
    }

    private String get(String path) throws Exception {
        return send("GET", path, null, null).body();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
