package io.millrace.api;

import io.millrace.serde.Json;
import io.millrace.util.Ids;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The api application on a free port against the test broker, with topics of its own prefix, and
 * an HTTP client for it. Close it after the test.
 */
public final class ApiServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiServer(String bootstrap, String... properties) {
        String prefix = "api" + Ids.random().substring(0, 6).toLowerCase() + "_";
        List<String> props = new ArrayList<>(List.of(
            "millrace.kafka.client.properties.bootstrap.servers=" + bootstrap,
            "millrace.kafka.defaults.topic-prefix=" + prefix,
            "millrace.kafka.defaults.consumer-prefix=" + prefix,
            "millrace.kafka.defaults.topic.partitions=2",
            "millrace.security.enabled=false",
            "millrace.search.uris=" + System.getProperty("millrace.test.opensearch.uri"),
            "millrace.search.index-prefix=" + prefix,
            "millrace.search.replicas=0",
            "server.port=0",
            "spring.main.banner-mode=off"));
        props.addAll(List.of(properties));
        context = new SpringApplicationBuilder(ApiApplication.class).properties(props.toArray(String[]::new)).run();
        base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** The address of {@code path} on this server, for requests the helpers below do not make. */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** An answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            return Json.tree(body);
        }
    }

    public Answer send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Answer postYaml(String path, String yaml) {
        return send("POST", path, "application/x-yaml", yaml);
    }

    public Answer putYaml(String path, String yaml) {
        return send("PUT", path, "application/x-yaml", yaml);
    }

    @Override
    public void close() {
        context.close();
    }
}
