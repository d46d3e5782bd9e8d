package io.millrace.api.security;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a web page the user visits can make the user's browser do to the API, over real HTTP: a
 * cross-site form post of a flow, a page of another origin, a body a browser sends without asking, a
 * page renamed onto 127.0.0.1 (DNS rebinding). Callers that are not browsers are not hindered.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class BrowserDefencesSecurityTest {

    private static final String TRUSTED_UI = "https://ui.example.com";
    private static final String EVIL = "https://evil.example";
    private static final String BOUNDARY = "----browser-test";

    /** Like a standalone: loopback only, no credentials. */
    private static ApiServer local;
    private static String localOrigin;
    /** On every interface, with credentials and a list of host names. */
    private static ApiServer exposed;
    private static String token;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        local = new ApiServer(bootstrap, "server.address=127.0.0.1",
            "millrace.security.allowed-origins[0]=" + TRUSTED_UI + "/");
        localOrigin = "http://localhost:" + port(local);
        String[] newToken = ApiTokens.newToken();
        token = newToken[0];
        exposed = new ApiServer(bootstrap, "millrace.security.enabled=true",
            "millrace.security.tokens[0].name=ci", "millrace.security.tokens[0].hash=" + newToken[1],
            "millrace.security.allowed-hosts=millrace.example.com");
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
        if (exposed != null) {
            exposed.close();
        }
    }

    private static int port(ApiServer api) {
        return ((WebServerApplicationContext) api.context()).getWebServer().getPort();
    }

    private static String flow(String id, String more) {
        return "id: " + id + "\nnamespace: security.browser\n" + more
            + "tasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
    }

    @Test
    void aCrossSiteFormPostOfACommandsFlowIsRefusedAndCreatesNothing() {
        String shell = "id: shell\nnamespace: security.browser\ntasks:\n  - id: run\n"
            + "    type: io.kestra.plugin.scripts.shell.Commands\n    commands:\n      - touch /tmp/owned\n";
        // what <form enctype="text/plain" method="post" action="http://localhost:8080/api/v1/flows"> sends
        Answer crossSite = local.send("POST", "/api/v1/flows", "text/plain", shell,
            "Origin", EVIL, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.contentType()).startsWith("application/json");
        assertThat(crossSite.json().path("status").asInt()).isEqualTo(403);
        assertThat(crossSite.json().path("message").asString()).contains("Origin '" + EVIL + "'",
            "millrace.security.allowed-origins");

        // an older browser that sends no Origin on it: the body type alone is refused
        Answer textPlain = local.send("POST", "/api/v1/flows", "text/plain", shell);
        assertThat(textPlain.status()).isEqualTo(415);
        assertThat(textPlain.json().path("message").asString()).contains("text/plain", "application/x-yaml");

        assertThat(local.get("/api/v1/flows/security.browser/shell").status()).isEqualTo(404);
    }

    @Test
    void aPageOfAnotherOriginOrSiteChangesNothing() {
        String body = "{\"namespace\":\"security.browser\",\"flowId\":\"none\",\"triggerId\":\"t\",\"disabled\":true}";
        Answer origin = local.send("PUT", "/api/v1/triggers", "application/json", body, "Origin", EVIL);
        assertThat(origin.status()).isEqualTo(403);
        assertThat(origin.json().path("message").asString()).contains(EVIL, localOrigin);
        assertThat(local.send("DELETE", "/api/v1/executions/none/kill", null, null, "Origin", "null").status())
            .as("a sandboxed page sends Origin: null").isEqualTo(403);
        assertThat(local.send("POST", "/api/v1/executions/none/restart", null, null, "Origin",
            "http://127.0.0.1:" + port(local)).status()).as("another origin on the same machine").isEqualTo(403);

        Answer fetchSite = local.send("POST", "/api/v1/executions/none/resume", null, null, "Sec-Fetch-Site", "cross-site");
        assertThat(fetchSite.status()).isEqualTo(403);
        assertThat(fetchSite.json().path("message").asString()).contains("Sec-Fetch-Site: cross-site");
        assertThat(local.send("POST", "/api/v1/executions/none/resume", null, null, "Sec-Fetch-Site", "same-site")
            .status()).isEqualTo(403);

        // reading is not refused (the browser keeps the answer from the page)
        assertThat(local.get("/api/v1/flows/search", "Origin", EVIL, "Sec-Fetch-Site", "cross-site").status())
            .isEqualTo(200);
    }

    @Test
    void theApisOwnPagesAnAllowedOriginAndCallersWithoutABrowserAreLetIn() {
        Answer sameOrigin = local.send("POST", "/api/v1/flows", "application/x-yaml", flow("same-origin", ""),
            "Origin", localOrigin, "Sec-Fetch-Site", "same-origin");
        assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(200);

        Answer allowed = local.send("POST", "/api/v1/flows", "application/x-yaml", flow("allowed-origin", ""),
            "Origin", TRUSTED_UI, "Sec-Fetch-Site", "cross-site");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);

        // curl, the CLI, a server: no Origin, no fetch metadata
        Answer curl = local.postYaml("/api/v1/flows", flow("curl", ""));
        assertThat(curl.status()).as(curl.body()).isEqualTo(200);
        assertThat(local.send("DELETE", "/api/v1/flows/security.browser/curl", null, null).status()).isEqualTo(204);
    }

    @Test
    void bodiesABrowserSendsWithoutAskingAreRefusedWhereJsonOrYamlIsExpected() {
        Answer form = local.send("PUT", "/api/v1/triggers", "application/x-www-form-urlencoded",
            "namespace=security.browser&flowId=none&triggerId=t&disabled=true");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().path("message").asString()).contains("application/x-www-form-urlencoded");
        assertThat(local.send("POST", "/api/v1/flows", "application/x-www-form-urlencoded", "id=x").status())
            .isEqualTo(415);
        assertThat(local.send("POST", "/api/v1/flows/validate", "multipart/form-data; boundary=" + BOUNDARY,
            part("source", null, flow("x", "")) + "--" + BOUNDARY + "--\r\n").status()).isEqualTo(415);
        assertThat(local.send("POST", "/api/v1/executions/none/restart", "text/plain; charset=utf-8", "x").status())
            .as("a body where none is expected").isEqualTo(415);
    }

    @Test
    void aFileUploadFromTheApisOwnPageStillRunsAFlowButNotFromAnotherSite() {
        assertThat(local.postYaml("/api/v1/flows", flow("upload", "inputs:\n  - id: data\n    type: FILE\n"))
            .status()).isEqualTo(200);
        String body = part("data", "rows.csv", "a,b\n1,2\n") + "--" + BOUNDARY + "--\r\n";

        Answer run = local.send("POST", "/api/v1/executions/security.browser/upload",
            "multipart/form-data; boundary=" + BOUNDARY, body, "Origin", localOrigin, "Sec-Fetch-Site", "same-origin");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().path("inputs").path("data").asString()).startsWith("millrace:///").endsWith("rows.csv");

        Answer crossSite = local.send("POST", "/api/v1/executions/security.browser/upload",
            "multipart/form-data; boundary=" + BOUNDARY, body, "Origin", EVIL, "Sec-Fetch-Site", "cross-site");
        assertThat(crossSite.status()).isEqualTo(403);
    }

    @Test
    void aWebhookTakesAnyBodyFromCallersThatAreNotBrowsers() {
        assertThat(local.postYaml("/api/v1/flows", flow("hooked",
            "triggers:\n  - id: hook\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: browser-test-key\n"))
            .status()).isEqualTo(200);
        String url = "/api/v1/executions/webhook/security.browser/hooked/browser-test-key";
        assertThat(local.send("POST", url, "text/plain", "ping").status()).isEqualTo(200);
        assertThat(local.send("POST", url, "application/x-www-form-urlencoded", "a=1").status()).isEqualTo(200);
        assertThat(local.send("POST", url, "application/json", "{\"a\":1}", "User-Agent", "GitHub-Hookshot/1")
            .status()).isEqualTo(200);
        assertThat(local.send("POST", url, "text/plain", "ping", "Origin", EVIL).status())
            .as("a page of another site, even one that knows the key").isEqualTo(403);
    }

    @Test
    void onLoopbackAPageRenamedOntoThisMachineIsRefused() throws IOException {
        int port = port(local);
        String rebound = raw(port, "GET /api/v1/flows/search HTTP/1.1\r\nHost: evil.example:" + port
            + "\r\nConnection: close\r\n\r\n");
        assertThat(rebound).startsWith("HTTP/1.1 421");
        assertThat(rebound).contains("\"status\":421", "Host 'evil.example'", "millrace.security.allowed-hosts");
        assertThat(raw(port, "POST /api/v1/executions/none/restart HTTP/1.1\r\nHost: evil.example\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 421");

        for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST"}) {
            assertThat(raw(port, "GET /api/v1/flows/search HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
                .as(host).startsWith("HTTP/1.1 200");
        }
        assertThat(raw(port, "GET /api/v1/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"))
            .as("health answers whatever the name").startsWith("HTTP/1.1 200");
    }

    @Test
    void allowedHostsApplyOnEveryInterfaceAndBeforeCredentials() throws IOException {
        int port = port(exposed);
        String auth = "Authorization: Bearer " + token + "\r\n";
        assertThat(raw(port, "GET /api/v1/flows/search HTTP/1.1\r\nHost: evil.example\r\n" + auth
            + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 421");
        assertThat(raw(port, "GET /api/v1/flows/search HTTP/1.1\r\nHost: millrace.example.com:" + port + "\r\n" + auth
            + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        assertThat(raw(port, "GET /api/v1/flows/search HTTP/1.1\r\nHost: millrace.example.com\r\n"
            + "Connection: close\r\n\r\n")).as("let through to authentication").startsWith("HTTP/1.1 401");

        Answer withCredentials = exposed.send("POST", "/api/v1/flows", "application/x-yaml", flow("exposed", ""),
            "Authorization", "Bearer " + token, "Origin", EVIL);
        assertThat(withCredentials.status()).as("a browser holding credentials is refused too").isEqualTo(403);
        assertThat(exposed.send("POST", "/api/v1/flows", "text/plain", flow("exposed", "")).status())
            .as("refused before authentication is asked for").isEqualTo(415);
    }

    private static String part(String name, String file, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
            + (file == null ? "" : "; filename=\"" + file + "\"") + "\r\n\r\n" + content + "\r\n";
    }

    /** One request written as it is (Java's HTTP client will not send another Host), and the whole answer. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
