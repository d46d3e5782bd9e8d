package io.millrace.cli.standalone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The standalone server over real HTTP: a flow directory deployed and watched, data kept across restarts. */
class StandaloneServerTest {

    @TempDir
    Path data;
    @TempDir
    Path flows;

    private final HttpClient http = HttpClient.newHttpClient();
    private StandaloneServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void deploysAFlowDirectoryFollowsItsChangesAndKeepsItsDataAcrossARestart() throws Exception {
        Files.writeString(flows.resolve("hello.yaml"), flow("one"));
        server = StandaloneServer.start(new StandaloneServer.Options(data, 0, 0, flows, List.of()));

        assertThat(get("/api/v1/flows/company.team/hello").body()).contains("\"revision\":1", "\"message\":\"one\"");

        Files.writeString(flows.resolve("hello.yaml"), flow("two"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(get("/api/v1/flows/company.team/hello").body()).contains("\"revision\":2"));

        server.close();
        server = StandaloneServer.start(new StandaloneServer.Options(data, 0, 0, null, List.of()));
        HttpResponse<String> after = get("/api/v1/flows/company.team/hello?source=true");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("\"revision\":2", "message: two");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String flow(String message) {
        return """
            id: hello
            namespace: company.team
            tasks:
              - id: say
                type: io.kestra.plugin.core.log.Log
                message: %s
            """.formatted(message);
    }
}
