package io.millrace.api.security;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed basic-auth logins are limited per user name and per client address; successful ones are not counted. */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class LoginAttemptsSecurityTest {

    private static final String PASSWORD = "correct horse battery staple";

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theEleventhBadPasswordInAMinuteIsA429BeforeAnyHashIsChecked(@BootstrapServers String bootstrap) {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        try (ApiServer api = new ApiServer(bootstrap,
            "millrace.security.enabled=true",
            "millrace.security.users[0].username=ada",
            "millrace.security.users[0].password=" + hash,
            "millrace.security.users[0].roles[0]=viewer")) {
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/api/v1/flows/search", "Authorization", basic("ada", PASSWORD)).status())
                    .as("successful logins are not counted").isEqualTo(200);
            }
            for (int i = 1; i <= 10; i++) {
                assertThat(api.get("/api/v1/flows/search", "Authorization", basic("ada", "guess " + i)).status())
                    .as("failure " + i).isEqualTo(401);
            }
            Answer limited = api.get("/api/v1/flows/search", "Authorization", basic("ada", "guess 11"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().path("message").asString()).startsWith("too many failed logins");
            assertThat(limited.json().path("status").asInt()).isEqualTo(429);
            assertThat(api.get("/api/v1/flows/search", "Authorization", basic("ada", PASSWORD)).status())
                .as("the right password waits too: it is not checked").isEqualTo(429);
            assertThat(api.get("/api/v1/flows/search", "Authorization", basic("bob", PASSWORD)).status())
                .as("the address is limited as well").isEqualTo(429);
            assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/flows/search").status()).as("no credentials: a plain 401").isEqualTo(401);
        }
    }

    @Test
    void aLimitedNameOrAddressWaitsUntilItsOldestFailureLeavesTheWindow() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        InstantSource clock = now::get;
        LoginAttempts attempts = new LoginAttempts(3, Duration.ofMinutes(1), clock);

        attempts.failed("ada", "10.0.0.1");
        now.set(now.get().plusSeconds(20));
        attempts.failed("ada", "10.0.0.2");
        attempts.failed("ada", "10.0.0.3");
        assertThat(attempts.retryAfter("ada", "10.0.0.9")).as("by name").isEqualTo(Duration.ofSeconds(40));
        assertThat(attempts.retryAfter("bob", "10.0.0.1")).as("another name, an address with one failure")
            .isZero();

        now.set(now.get().plusSeconds(40));
        assertThat(attempts.retryAfter("ada", "10.0.0.9")).as("the first failure left the window").isZero();

        for (String user : new String[]{"u1", "u2", "u3"}) {
            attempts.failed(user, "10.0.0.7");
        }
        assertThat(attempts.retryAfter("u4", "10.0.0.7")).as("by address").isEqualTo(Duration.ofMinutes(1));
        assertThat(new LoginAttempts(0, Duration.ofMinutes(1), clock).retryAfter("ada", "10.0.0.7"))
            .as("0: no limit").isZero();
    }
}
