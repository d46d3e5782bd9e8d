package io.millrace.tasks.http;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.WorkerFixture;
import io.millrace.tasks.WorkerFixture.Attempt;
import io.millrace.tasks.WorkerFixture.Running;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RequestTest {

    @TempDir
    Path workRoot;

    private TestHttpServer server;
    private WorkerFixture worker;

    @BeforeEach
    void setUp() {
        server = new TestHttpServer();
        worker = new WorkerFixture(workRoot);
    }

    @AfterEach
    void tearDown() {
        worker.close();
        server.close();
    }

    @Test
    void get_exposes_code_headers_and_body_as_outputs() {
        server.respond("/orders/1", 200, "{\"id\":1}",
            Map.of("Content-Type", List.of("application/json"), "X-Trace", List.of("a", "b")));

        Attempt attempt = worker.run("""
            id: fetch
            type: io.millrace.core.http.Request
            uri: %s
            """.formatted(server.url("/orders/1")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.outputs())
            .containsEntry("uri", server.url("/orders/1"))
            .containsEntry("code", 200)
            .containsEntry("body", "{\"id\":1}");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) attempt.outputs().get("headers");
        assertThat(headers).containsEntry("x-trace", List.of("a", "b"))
            .containsEntry("content-type", List.of("application/json"));
        assertThat(server.takeRequest().method()).isEqualTo("GET");
        assertThat(attempt.messages(LogLevel.INFO)).singleElement().asString()
            .startsWith("GET " + server.url("/orders/1") + " -> 200 (8 bytes in ");
    }

    @Test
    void renders_uri_method_headers_and_body_from_variables() {
        server.respond("/items/42", 201, "created");

        Attempt attempt = worker.run("""
            id: create
            type: io.kestra.plugin.core.http.Request
            uri: "{{ vars.base }}/items/{{ inputs.id }}"
            method: "{{ inputs.verb }}"
            headers:
              X-Request-Id: "req-{{ inputs.id }}"
              X-Tags: ["t-{{ inputs.id }}", "static"]
            body: '{"id": {{ inputs.id }}}'
            """, Map.of("vars", Map.of("base", server.url("")),
            "inputs", Map.of("id", 42, "verb", "put")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.outputs()).containsEntry("code", 201).containsEntry("body", "created");
        TestHttpServer.Received request = server.takeRequest();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.body()).isEqualTo("{\"id\": 42}");
        assertThat(request.header("X-Request-Id")).isEqualTo("req-42");
        assertThat(request.headers().get("X-Tags")).containsExactly("t-42", "static");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void sends_any_verb() {
        server.respond("/dav", 207, "multi-status");

        Attempt attempt = worker.run("""
            id: dav
            type: io.millrace.core.http.Request
            uri: %s
            method: PROPFIND
            """.formatted(server.url("/dav")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(server.takeRequest().method()).isEqualTo("PROPFIND");
    }

    @Test
    void form_data_is_url_encoded_by_default() {
        server.respond("/login", 200, "ok");

        Attempt attempt = worker.run("""
            id: login
            type: io.kestra.plugin.fs.http.Request
            uri: %s
            method: POST
            formData:
              user: "{{ inputs.user }}"
              note: "a&b c"
              tag: [x, y]
            """.formatted(server.url("/login")), Map.of("inputs", Map.of("user", "John Doe")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        TestHttpServer.Received request = server.takeRequest();
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.body()).isEqualTo("user=John+Doe&note=a%26b+c&tag=x&tag=y");
    }

    @Test
    void form_data_is_multipart_when_the_content_type_says_so() {
        server.respond("/upload", 200, "ok");

        Attempt attempt = worker.run("""
            id: upload
            type: io.millrace.core.http.Request
            uri: %s
            method: POST
            contentType: multipart/form-data
            formData:
              user: John Doe
            """.formatted(server.url("/upload")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        TestHttpServer.Received request = server.takeRequest();
        String type = request.header("Content-Type");
        assertThat(type).startsWith("multipart/form-data; boundary=");
        String boundary = type.substring(type.indexOf('=') + 1);
        assertThat(request.body()).isEqualTo("--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"user\"\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "John Doe\r\n"
            + "--" + boundary + "--\r\n");
    }

    @Test
    void content_type_overrides_the_default() {
        server.respond("/text", 200, "ok");

        worker.run("""
            id: text
            type: io.millrace.core.http.Request
            uri: %s
            method: POST
            contentType: "text/plain; charset=UTF-8"
            body: hello
            """.formatted(server.url("/text")));

        TestHttpServer.Received request = server.takeRequest();
        assertThat(request.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(request.body()).isEqualTo("hello");
    }

    @Test
    void a_status_outside_2xx_fails_naming_code_uri_and_body() {
        server.respond("/broken", 500, "database unavailable\nretry later");

        Attempt attempt = worker.run("""
            id: broken
            type: io.millrace.core.http.Request
            uri: %s
            """.formatted(server.url("/broken?token=abc")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo(
            "HTTP 500 from GET " + server.url("/broken") + "?…: database unavailable retry later");
        assertThat(attempt.messages(LogLevel.ERROR)).containsExactly(attempt.error());
        assertThat(attempt.outputs()).isNull();
    }

    @Test
    void allow_failed_accepts_any_status_both_spellings() {
        server.respond("/missing", 404, "not here");

        Attempt older = worker.run("""
            id: older
            type: io.millrace.core.http.Request
            uri: %s
            allowFailed: true
            """.formatted(server.url("/missing")));
        Attempt newer = worker.run("""
            id: newer
            type: io.millrace.core.http.Request
            uri: %s
            options:
              allowFailed: true
            """.formatted(server.url("/missing")));

        assertThat(older.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(older.outputs()).containsEntry("code", 404).containsEntry("body", "not here");
        assertThat(newer.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(newer.outputs()).containsEntry("code", 404);
    }

    @Test
    void allowed_response_codes_replace_the_2xx_rule() {
        server.respond("/ok", 200, "fine").respond("/gone", 410, "gone");
        String yaml = """
            id: strict
            type: io.millrace.core.http.Request
            uri: %s
            options:
              allowedResponseCodes: [410]
            """;

        Attempt gone = worker.run(yaml.formatted(server.url("/gone")));
        Attempt ok = worker.run(yaml.formatted(server.url("/ok")));

        assertThat(gone.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(gone.outputs()).containsEntry("code", 410);
        assertThat(ok.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(ok.error()).startsWith("HTTP 200 from GET " + server.url("/ok") + ": fine");
    }

    @Test
    void follows_redirects_unless_told_not_to() {
        server.respond("/old", 302, "", Map.of("Location", List.of(server.url("/new"))))
            .respond("/new", 200, "moved here");
        String yaml = """
            id: moved
            type: io.millrace.core.http.Request
            uri: %s
            options:
              followRedirects: %s
              allowFailed: true
            """;

        Attempt followed = worker.run(yaml.formatted(server.url("/old"), "true"));
        Attempt notFollowed = worker.run(yaml.formatted(server.url("/old"), "false"));

        assertThat(followed.outputs()).containsEntry("code", 200).containsEntry("body", "moved here");
        assertThat(notFollowed.outputs()).containsEntry("code", 302);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) notFollowed.outputs().get("headers");
        assertThat(headers).containsEntry("location", List.of(server.url("/new")));
    }

    @Test
    void basic_auth_is_sent_and_the_password_never_logged() {
        server.respond("/private", 200, "welcome");

        Attempt attempt = worker.run("""
            id: private
            type: io.millrace.core.http.Request
            uri: %s
            options:
              basicAuthUser: admin
              basicAuthPassword: "{{ vars.password }}"
            """.formatted(server.url("/private")), Map.of("vars", Map.of("password", "s3cr3t-pw")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        String expected = "Basic " + Base64.getEncoder().encodeToString("admin:s3cr3t-pw".getBytes(StandardCharsets.UTF_8));
        assertThat(server.takeRequest().header("Authorization")).isEqualTo(expected);
        assertThat(attempt.logs()).isNotEmpty();
        assertThat(attempt.messages()).noneMatch(m -> m.contains("s3cr3t-pw") || m.contains(expected.substring(6)));
    }

    @Test
    void header_values_are_never_logged_even_at_debug() {
        server.respond("/api", 200, "ok");

        Attempt attempt = worker.run("""
            id: api
            type: io.millrace.core.http.Request
            uri: %s
            logLevel: TRACE
            headers:
              Authorization: "Bearer {{ vars.token }}"
            """.formatted(server.url("/api")), Map.of("vars", Map.of("token", "tok-123456")));

        assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer tok-123456");
        assertThat(attempt.messages(LogLevel.DEBUG)).singleElement().asString().contains("Authorization");
        assertThat(attempt.messages()).noneMatch(m -> m.contains("tok-123456"));
    }

    @Test
    void a_header_the_client_owns_fails_without_showing_its_value() {
        Attempt attempt = worker.run("""
            id: host
            type: io.millrace.core.http.Request
            uri: %s
            headers:
              Host: secret-host.internal
            """.formatted(server.url("/x")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).startsWith("header 'Host' cannot be sent").doesNotContain("secret-host");
    }

    @Test
    void read_timeout_fails_when_the_server_does_not_answer_in_time() {
        server.hang("/slow");

        long start = System.nanoTime();
        Attempt attempt = worker.run("""
            id: slow
            type: io.millrace.core.http.Request
            uri: %s
            options:
              readTimeout: PT0.3S
            """.formatted(server.url("/slow")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("GET " + server.url("/slow") + ": no response within readTimeout PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void task_timeout_stops_a_request_the_server_never_answers() {
        server.hang("/never");

        long start = System.nanoTime();
        Attempt attempt = worker.run("""
            id: never
            type: io.millrace.core.http.Request
            uri: %s
            timeout: PT1S
            options:
              readTimeout: PT1M
            """.formatted(server.url("/never")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("timed out after PT1S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(server.takeRequest().path()).isEqualTo("/never");
        assertThat(worker.runningCount()).isZero();
    }

    @Test
    void task_timeout_stops_a_body_that_never_ends() {
        server.stallBody("/trickle");

        long start = System.nanoTime();
        Attempt attempt = worker.run("""
            id: trickle
            type: io.millrace.core.http.Request
            uri: %s
            timeout: PT1S
            """.formatted(server.url("/trickle")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("timed out after PT1S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void kill_stops_a_request_in_flight() {
        server.hang("/never");

        Running running = worker.start("""
            id: never
            type: io.millrace.core.http.Request
            uri: %s
            """.formatted(server.url("/never")), Map.of());
        TestHttpServer.Received request = server.takeRequest();
        assertThat(running.isDone()).isFalse();
        running.kill();

        await().atMost(Duration.ofSeconds(3)).until(running::isDone);
        assertThat(running.join().status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(request.path()).isEqualTo("/never");
    }

    @Test
    void connect_timeout_fails_when_the_server_accepts_no_connection() throws Exception {
        // a listening socket whose accept queue is full drops new connection attempts: connect hangs
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                fillAcceptQueue(full, queued);
                Attempt attempt = worker.run("""
                    id: unreachable
                    type: io.millrace.core.http.Request
                    uri: http://127.0.0.1:%d/
                    options:
                      connectTimeout: PT0.3S
                    """.formatted(full.getLocalPort()));

                assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
                assertThat(attempt.error()).isEqualTo("GET http://127.0.0.1:" + full.getLocalPort()
                    + "/: no connection within connectTimeout PT0.3S");
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    private static void fillAcceptQueue(ServerSocket server, List<Socket> queued) {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
                queued.add(s);
            } catch (Exception e) {
                try {
                    s.close();
                } catch (Exception ignored) {
                    // nothing to release
                }
                return; // the queue is full
            }
        }
        throw new AssertionError("could not fill the accept queue");
    }

    @Test
    void a_refused_connection_fails_with_a_clear_message() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        Attempt attempt = worker.run("""
            id: closed
            type: io.millrace.core.http.Request
            uri: http://127.0.0.1:%d/health
            """.formatted(port));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).startsWith("GET http://127.0.0.1:" + port + "/health: cannot connect");
    }

    @Test
    void a_body_larger_than_max_content_length_fails() {
        server.respond("/big", 200, "x".repeat(100));

        Attempt attempt = worker.run("""
            id: big
            type: io.millrace.core.http.Request
            uri: %s
            options:
              maxContentLength: 10
            """.formatted(server.url("/big")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("GET " + server.url("/big")
            + ": response body is larger than options.maxContentLength (10 bytes)");
    }

    @Test
    void rejects_a_uri_that_is_not_http() {
        Attempt attempt = worker.run("""
            id: ftp
            type: io.millrace.core.http.Request
            uri: "ftp://example.com/file"
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("uri 'ftp://example.com/file' must be an absolute http or https URL");
    }

    @Test
    void rejects_body_and_form_data_together() {
        Attempt attempt = worker.run("""
            id: both
            type: io.millrace.core.http.Request
            uri: %s
            method: POST
            body: "{}"
            formData:
              a: b
            """.formatted(server.url("/x")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("set either body or formData, not both");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void decodes_the_body_with_the_charset_the_server_declares() {
        server.respond("/latin", 200, "café".getBytes(StandardCharsets.ISO_8859_1),
            Map.of("Content-Type", List.of("text/plain; charset=ISO-8859-1")));

        Attempt attempt = worker.run("""
            id: latin
            type: io.millrace.core.http.Request
            uri: %s
            """.formatted(server.url("/latin")));

        assertThat(attempt.outputs()).containsEntry("body", "café");
    }
}
