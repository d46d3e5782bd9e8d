package io.millrace.search.elasticsearch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchNodeTest {

    @Test
    void aNodeServesHttpIndexesAndStops(@TempDir Path dir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String uri;
        try (ElasticsearchNode node = new ElasticsearchNode(dir).start()) {
            uri = node.uri();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(uri + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"number_of_nodes\":1").doesNotContain("\"red\"");
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(uri + "/probe/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"word\":\"millrace\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(201);
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(uri + "/probe/_search?q=word:millrace")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(found.body()).contains("\"value\":1");
        }
        String stopped = uri;
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> http.send(
            HttpRequest.newBuilder(URI.create(stopped + "/_cluster/health")).build(), HttpResponse.BodyHandlers.ofString())))
            .as("the node is gone once closed").isNotNull();
    }
}
