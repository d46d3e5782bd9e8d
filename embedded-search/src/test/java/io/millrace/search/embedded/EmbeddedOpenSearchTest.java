package io.millrace.search.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A real node: it indexes and finds a document over HTTP, and keeps it across a restart. */
class EmbeddedOpenSearchTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void indexesSearchesAndKeepsItsDataAcrossARestart() throws Exception {
        try (EmbeddedOpenSearch node = new EmbeddedOpenSearch(dir, 0).start()) {
            assertThat(node.uri()).startsWith("http://127.0.0.1:");
            HttpResponse<String> put = send(node, "PUT", "/things/_doc/1?refresh=true", "{\"name\":\"kettle\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            assertThat(send(node, "GET", "/things/_search?q=name:kettle", null).body()).contains("\"kettle\"");
        }
        try (EmbeddedOpenSearch node = new EmbeddedOpenSearch(dir, 0).start()) {
            assertThat(send(node, "GET", "/things/_doc/1", null).body()).contains("\"found\":true", "kettle");
        }
    }

    private HttpResponse<String> send(EmbeddedOpenSearch node, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.uri() + path)).header("Content-Type", "application/json")
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
