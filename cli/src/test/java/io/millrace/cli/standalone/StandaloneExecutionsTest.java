package io.millrace.cli.standalone;

import io.millrace.serde.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Executions end to end over HTTP against the standalone server: trigger, wait, follow, resume, kill. */
class StandaloneExecutionsTest {

    @TempDir
    static Path data;

    private static StandaloneServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = StandaloneServer.start(new StandaloneServer.Options(data, 0, 0, null, List.of()));
        deploy("""
            id: greet
            namespace: company.e2e
            inputs:
              - id: name
                type: STRING
                required: true
              - id: times
                type: INT
                defaults: 1
              - id: token
                type: SECRET
                required: false
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: "hello {{ inputs.name }}"
              - id: answer
                type: io.kestra.plugin.core.debug.Return
                format: "{{ inputs.name }} x{{ inputs.times }}"
            """);
        deploy("""
            id: waits
            namespace: company.e2e
            tasks:
              - id: hold
                type: io.kestra.plugin.core.flow.Pause
              - id: after
                type: io.kestra.plugin.core.debug.Return
                format: resumed
            """);
        deploy("""
            id: echo
            namespace: company.e2e
            tasks:
              - id: answer
                type: io.kestra.plugin.core.debug.Return
                format: "{{ trigger.body.name }} via {{ trigger.parameters.via[0] }}"
            outputs:
              - id: greeting
                type: STRING
                value: "{{ outputs.answer.value }}"
            triggers:
              - id: whole
                type: io.kestra.plugin.core.trigger.Webhook
                key: wait-for-the-execution
                wait: true
              - id: outputs
                type: io.kestra.plugin.core.trigger.Webhook
                key: wait-for-the-outputs
                wait: true
                returnOutputs: true
              - id: text
                type: io.kestra.plugin.core.trigger.Webhook
                key: wait-for-the-text
                wait: true
                returnOutputs: true
                responseContentType: text/plain
            """);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTriggeredExecutionRunsWithItsInputsAndWaitAnswersItsEnd() throws Exception {
        HttpResponse<String> created = trigger("company.e2e/greet", "", Map.of("name", "Ada", "times", "3"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode json = Json.tree(created.body());
        assertThat(json.get("state").get("current").asString()).isEqualTo("CREATED");
        assertThat(json.get("id").asString()).isNotBlank();

        HttpResponse<String> ended = trigger("company.e2e/greet", "?wait=true&labels=team:data",
            Map.of("name", "Ada", "token", "s3cr3t-value"));
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        JsonNode end = Json.tree(ended.body());
        assertThat(end.get("state").get("current").asString()).isEqualTo("SUCCESS");
        assertThat(end.get("taskRunList")).hasSize(2);
        assertThat(end.get("taskRunList").get(1).get("outputs").get("value").asString()).isEqualTo("Ada x1");
        assertThat(end.get("inputs").get("token").asString()).isEqualTo("******");
        assertThat(ended.body()).doesNotContain("s3cr3t-value");
        assertThat(end.get("labels").toString()).contains("team", "data");

        // the search store has it, its logs, and a follow of an ended execution ends at once
        String id = end.get("id").asString();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> stored = HTTP.send(request("/api/v1/executions/" + id).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).isEqualTo(200);
            assertThat(Json.tree(stored.body()).get("taskRunList")).hasSize(2);
            assertThat(stored.body()).doesNotContain("s3cr3t-value");
            assertThat(HTTP.send(request("/api/v1/logs/" + id).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("hello Ada");
            assertThat(HTTP.send(request("/api/v1/executions/search?namespace=company.e2e&labels=team:data").build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains(id);
        });
        assertThat(follow(id).get(30, TimeUnit.SECONDS)).containsExactly("SUCCESS");
        assertThat(HTTP.send(request("/api/v1/executions/nothing").build(), HttpResponse.BodyHandlers.ofString())
            .statusCode()).isEqualTo(404);
    }

    @Test
    void logFollowStreamsTheLinesAndEndsWithTheExecution() throws Exception {
        String paused = Json.tree(trigger("company.e2e/waits", "", Map.of()).body()).get("id").asString();
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = HTTP.sendAsync(request("/api/v1/logs/" + paused + "/follow")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
            .thenAccept(r -> {
                try (Stream<String> lines = r.body()) {
                    lines.filter(l -> l.startsWith("data:"))
                        .forEach(l -> messages.add(Json.tree(l.substring(5)).get("message").asString()));
                }
            });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messages.contains("paused"));
        assertThat(post("/api/v1/executions/" + paused + "/resume").statusCode()).isEqualTo(202);
        done.get(60, TimeUnit.SECONDS);
        assertThat(messages).containsOnlyOnce("paused");
    }

    @Test
    void aBadInputValueIsRefusedNamingTheInput() throws Exception {
        HttpResponse<String> bad = trigger("company.e2e/greet", "", Map.of("name", "Ada", "times", "many"));
        assertThat(bad.statusCode()).isEqualTo(422);
        JsonNode json = Json.tree(bad.body());
        assertThat(json.get("message").asString()).contains("times");
        assertThat(json.get("details").get(0).get("path").asString()).isEqualTo("inputs.times");

        HttpResponse<String> missing = trigger("company.e2e/greet", "", Map.of());
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.body()).contains("name");
        assertThat(trigger("company.e2e/nothing", "", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void followStreamsTheStatesAndResumeAndKillReachTheExecutor() throws Exception {
        String paused = Json.tree(trigger("company.e2e/waits", "", Map.of()).body()).get("id").asString();
        CompletableFuture<List<String>> states = follow(paused);
        waitFor(states, "PAUSED");
        assertThat(post("/api/v1/executions/" + paused + "/resume").statusCode()).isEqualTo(202);
        assertThat(states.get(60, TimeUnit.SECONDS)).contains("RUNNING", "PAUSED").last().isEqualTo("SUCCESS");

        String killed = Json.tree(trigger("company.e2e/waits", "", Map.of()).body()).get("id").asString();
        CompletableFuture<List<String>> killedStates = follow(killed);
        waitFor(killedStates, "PAUSED");
        HttpResponse<String> kill = HTTP.send(request("/api/v1/executions/" + killed + "/kill").DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(kill.statusCode()).isEqualTo(202);
        assertThat(killedStates.get(60, TimeUnit.SECONDS)).last().isEqualTo("KILLED");
    }

    @Test
    void anUploadedFileIsStoredForItsFileInputAndGoesWithTheExecution() throws Exception {
        deploy("""
            id: upload
            namespace: company.e2e
            inputs:
              - id: data
                type: FILE
                allowedFileExtensions: [".csv"]
              - id: note
                type: STRING
                required: false
            tasks:
              - id: echo
                type: io.kestra.plugin.core.debug.Return
                format: "{{ inputs.data }}"
              - id: count
                type: io.kestra.plugin.scripts.shell.Commands
                inputFiles:
                  rows.csv: "{{ inputs.data }}"
                commands:
                  - echo "second line is $(sed -n 2p rows.csv)"
            """);
        HttpResponse<String> done = upload("?wait=true", "data", "rows.csv", "a,b\n1,2\n");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        var execution = Json.tree(done.body());
        String id = execution.get("id").asString();
        String uri = execution.get("inputs").get("data").asString();
        assertThat(uri).isEqualTo("millrace:///company/e2e/upload/executions/" + id + "/inputs/data/rows.csv");
        assertThat(execution.get("state").get("current").asString()).isEqualTo("SUCCESS");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            get("/api/v1/logs/" + id).body().contains("second line is 1,2"));
        String encoded = java.net.URLEncoder.encode(uri, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> file = get("/api/v1/executions/" + id + "/file?path=" + encoded);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("a,b\n1,2\n");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("rows.csv");
        assertThat(Json.tree(get("/api/v1/executions/" + id + "/file/metas?path=" + encoded).body()).get("size").asLong())
            .isEqualTo(8);
        assertThat(get("/api/v1/executions/" + id + "/file?path="
            + java.net.URLEncoder.encode("millrace:///company/e2e/upload/executions/other/inputs/data/rows.csv",
            java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(404);

        // a FILE value given as text may not reach the stored upload of another execution
        for (String stolen : List.of(uri, uri.replace("millrace:", "kestra:"),
            "millrace:///company/e2e/upload/executions/" + id + "/../" + id + "/inputs/data/rows.csv",
            "file:///etc/passwd.csv")) {
            HttpResponse<String> refused = trigger("company.e2e/upload", "", Map.of("data", stolen));
            assertThat(refused.statusCode()).as(stolen).isEqualTo(422);
            JsonNode error = Json.tree(refused.body());
            assertThat(error.get("message").asString()).as(stolen).contains("input 'data'");
            assertThat(error.get("details").get(0).get("path").asString()).isEqualTo("inputs.data");
        }
        assertThat(trigger("company.e2e/upload", "", Map.of("data", uri)).body())
            .contains("is not a file uploaded with this execution");

        HttpResponse<String> wrongExtension = upload("", "data", "rows.txt", "x");
        assertThat(wrongExtension.statusCode()).isEqualTo(422);
        assertThat(wrongExtension.body()).contains("data");
        HttpResponse<String> notAFileInput = upload("", "note", "note.csv", "x");
        assertThat(notAFileInput.statusCode()).isEqualTo(422);
        assertThat(Json.tree(notAFileInput.body()).get("message").asString()).contains("note").contains("not FILE");
        try (var stored = java.nio.file.Files.walk(data.resolve("storage"))) {
            assertThat(stored.filter(java.nio.file.Files::isRegularFile)).as("refused uploads are not kept").hasSize(1);
        }

        assertThat(send("DELETE", "/api/v1/executions/" + id).statusCode()).isEqualTo(204);
        try (var stored = java.nio.file.Files.walk(data.resolve("storage"))) {
            assertThat(stored.filter(java.nio.file.Files::isRegularFile)).isEmpty();
        }
    }

    private static HttpResponse<String> upload(String query, String input, String fileName, String content)
        throws IOException, InterruptedException {
        String boundary = "----millrace-upload";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + input + "\"; filename=\""
            + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return HTTP.send(request("/api/v1/executions/company.e2e/upload" + query)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyAnEndedExecutionIsDeletedAndItsLogsGoWithIt() throws Exception {
        String ended = Json.tree(trigger("company.e2e/greet", "?wait=true", Map.of("name", "Gone")).body()).get("id").asString();
        // the api answers kill and restart from the search store, which the indexer fills a moment after the end
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            get("/api/v1/logs/" + ended).body().contains("hello Gone")
                && "SUCCESS".equals(Json.tree(get("/api/v1/executions/" + ended).body()).path("state").path("current")
                    .asString()));
        assertThat(send("DELETE", "/api/v1/executions/" + ended + "/kill").statusCode()).isEqualTo(409);
        assertThat(post("/api/v1/executions/" + ended + "/restart").statusCode()).isEqualTo(409);

        String paused = Json.tree(trigger("company.e2e/waits", "", Map.of()).body()).get("id").asString();
        HttpResponse<String> refused = send("DELETE", "/api/v1/executions/" + paused);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(Json.tree(refused.body()).get("message").asString()).contains("kill it");

        assertThat(send("DELETE", "/api/v1/executions/" + ended).statusCode()).isEqualTo(204);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            get("/api/v1/executions/" + ended).statusCode() == 404);
        assertThat(Json.tree(get("/api/v1/logs/" + ended).body())).isEmpty();
        assertThat(send("DELETE", "/api/v1/executions/no-such-execution").statusCode()).isEqualTo(404);

        assertThat(send("DELETE", "/api/v1/executions/" + paused + "/kill").statusCode()).isEqualTo(202);
    }

    @Test
    void aWebhookThatWaitsAnswersTheEndedExecutionOrItsOutputs() throws Exception {
        String base = "/api/v1/executions/webhook/company.e2e/echo/";
        HttpResponse<String> whole = webhook(base + "wait-for-the-execution?via=hook", "{\"name\": \"Ada\"}");
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        JsonNode ended = Json.tree(whole.body());
        assertThat(ended.get("state").get("current").asString()).isEqualTo("SUCCESS");
        assertThat(ended.get("outputs").get("greeting").asString()).isEqualTo("Ada via hook");
        assertThat(ended.get("trigger").get("id").asString()).isEqualTo("whole");

        HttpResponse<String> outputs = webhook(base + "wait-for-the-outputs?via=api", "{\"name\": \"Grace\"}");
        assertThat(outputs.statusCode()).as(outputs.body()).isEqualTo(200);
        assertThat(Json.tree(outputs.body())).isEqualTo(Json.tree("{\"greeting\": \"Grace via api\"}"));

        HttpResponse<String> text = webhook(base + "wait-for-the-text?via=text", "{\"name\": \"Edsger\"}");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(text.body()).isEqualTo("Edsger via text");
    }

    private static HttpResponse<String> webhook(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Follows an execution: the states it streams, complete when the stream ends. */
    private CompletableFuture<List<String>> follow(String id) throws Exception {
        List<String> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> open = new CompletableFuture<>();
        CompletableFuture<List<String>> done = HTTP.sendAsync(request("/api/v1/executions/" + id + "/follow")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
            .thenApply(r -> {
                open.complete(null);
                try (Stream<String> lines = r.body()) {
                    Iterator<String> it = lines.iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        if (line.startsWith("data:")) {
                            states.add(Json.tree(line.substring(5)).get("state").get("current").asString());
                        }
                    }
                }
                return states;
            });
        open.get(30, TimeUnit.SECONDS);
        pending.put(done, states);
        return done;
    }

    private final Map<CompletableFuture<List<String>>, List<String>> pending = new java.util.concurrent.ConcurrentHashMap<>();

    private void waitFor(CompletableFuture<List<String>> stream, String state) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pending.get(stream).contains(state));
    }

    private static void deploy(String yaml) throws Exception {
        HttpResponse<String> r = HTTP.send(request("/api/v1/flows").header("Content-Type", "application/x-yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> trigger(String flow, String query, Map<String, String> inputs)
        throws IOException, InterruptedException {
        String boundary = "----millrace-test";
        StringBuilder body = new StringBuilder();
        inputs.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
            .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return HTTP.send(request("/api/v1/executions/" + flow + query)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
    }
}
