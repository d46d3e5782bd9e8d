package io.millrace.api.security;

import io.millrace.api.ApiServer;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API with authentication on, over real HTTP: users and tokens from configuration, health open, 401 otherwise. */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class ApiSecurityTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static ApiServer api;
    private static String token;
    private static String bootstrap;

    @BeforeAll
    static void start(@BootstrapServers String servers) {
        bootstrap = servers;
        String[] newToken = ApiTokens.newToken();
        token = newToken[0];
        api = new ApiServer(bootstrap,
            "millrace.security.enabled=true",
            "millrace.security.users[0].username=ada",
            "millrace.security.users[0].password=" + PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD),
            "millrace.security.tokens[0].name=ci",
            "millrace.security.tokens[0].hash=" + newToken[1]);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsOnlyHealthAnswers() {
        ApiServer.Answer denied = api.get("/api/v1/flows/search");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.json().path("message").asString()).contains("authentication required");
        assertThat(api.get("/api/v1/executions/search").status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/flows", "application/x-yaml", "id: x\nnamespace: y\n").status()).isEqualTo(401);
        assertThat(api.get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
    }

    @Test
    void aUserWithItsPasswordIsLetIn() {
        assertThat(api.get("/api/v1/flows/search", "Authorization", basic("ada", PASSWORD)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/flows/search", "Authorization", basic("ada", "wrong")).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/flows/search", "Authorization", basic("bob", PASSWORD)).status()).isEqualTo(401);
    }

    @Test
    void aTokenIsLetInAndCanWrite() {
        String flow = "id: secured\nnamespace: security.test\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
        ApiServer.Answer created = api.send("POST", "/api/v1/flows", "application/x-yaml", flow,
            "Authorization", "Bearer " + token);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).doesNotContain(token);
        assertThat(api.get("/api/v1/flows/security.test/secured", "Authorization", "Bearer " + token).status())
            .isEqualTo(200);
        assertThat(api.get("/api/v1/flows/security.test/secured", "Authorization", "Bearer " + token + "x").status())
            .isEqualTo(401);
        assertThat(api.get("/api/v1/flows/security.test/secured", "Authorization", "Bearer ").status()).isEqualTo(401);
    }

    @Test
    void triggerChangesNeedCredentialsLikeEveryOtherWrite() {
        String body = "{\"namespace\":\"security.test\",\"flowId\":\"none\",\"triggerId\":\"t\",\"disabled\":true}";
        assertThat(api.send("PUT", "/api/v1/triggers", "application/json", body).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/triggers/security.test/none/t/unlock", null, null).status()).isEqualTo(401);
        assertThat(api.send("DELETE", "/api/v1/triggers/security.test/none/t", null, null).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/triggers/set-disabled/by-query?namespace=security", null, null).status())
            .isEqualTo(401);
        // let in, the request reaches the checks: the flow does not exist
        ApiServer.Answer checked = api.send("PUT", "/api/v1/triggers", "application/json", body,
            "Authorization", "Bearer " + token);
        assertThat(checked.status()).isEqualTo(404);
        assertThat(checked.json().path("message").asString()).isEqualTo("flow security.test.none does not exist");
    }

    @Test
    void aWebhookIsReachedWithoutCredentialsAndTheCallersOwnAreIgnored() {
        String flow = "id: hooked\nnamespace: security.test\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n"
            + "    message: hi\ntriggers:\n  - id: hook\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: open-sesame\n";
        assertThat(api.send("POST", "/api/v1/flows", "application/x-yaml", flow, "Authorization", "Bearer " + token)
            .status()).isEqualTo(200);

        String url = "/api/v1/executions/webhook/security.test/hooked/open-sesame";
        assertThat(api.send("POST", url, "application/json", "{}").status()).isEqualTo(200);
        assertThat(api.send("POST", url, "application/json", "{}", "Authorization", "Bearer not-a-millrace-token")
            .status()).as("a caller's own token is not Millrace's business").isEqualTo(200);
        assertThat(api.get(url, "Authorization", basic("ada", "wrong")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/executions/webhook/security.test/hooked/guess").status()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/executions/security.test/hooked", null, null).status())
            .as("only the webhook path is open").isEqualTo(401);
    }

    @Test
    void plainPasswordsAndTokensAreRefusedAtStartWithoutShowingThem() {
        assertThatThrownBy(() -> new ApiServer(bootstrap, "millrace.security.enabled=true",
            "millrace.security.users[0].username=ada", "millrace.security.users[0].password=hunter2").close())
            .rootCause().hasMessageContaining("millrace.security.users[0].password").hasMessageContaining("hash")
            .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> new ApiServer(bootstrap, "millrace.security.enabled=true",
            "millrace.security.tokens[0].name=ci", "millrace.security.tokens[0].hash=mr_plaintoken").close())
            .rootCause().hasMessageContaining("millrace.security.tokens[0].hash").message().doesNotContain("mr_plaintoken");
        assertThatThrownBy(() -> new ApiServer(bootstrap, "millrace.security.enabled=true").close())
            .rootCause().hasMessageContaining("no millrace.security.users");
    }
}
