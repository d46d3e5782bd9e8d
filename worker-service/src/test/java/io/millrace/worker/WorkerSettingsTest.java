package io.millrace.worker;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The millrace.worker.* keys, their defaults, and what templates may see of the environment. */
class WorkerSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        WorkerSettings s = bind(Map.of());

        assertThat(s.concurrency()).isEqualTo(64);
        assertThat(s.shutdownGrace()).as("not set: derived from the process's grace period").isNull();
        assertThat(s.attemptWait(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.envs()).isEmpty();
        assertThat(s.workDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "millrace-work"));
        assertThat(s.id()).isNotBlank();
        assertThat(s.secrets().source()).isEqualTo(WorkerSettings.Secrets.Source.ENVIRONMENT);
        assertThat(s.commands().runAs()).isNull();
        assertThat(s.commands().pidNamespace()).as("commands in a PID namespace where the host allows it").isTrue();
        assertThat(bind(Map.of()).id()).as("a random id per worker").isNotEqualTo(s.id());
    }

    @Test
    void bindsEveryKey() {
        WorkerSettings s = bind(Map.of(
            "millrace.worker.concurrency", "4",
            "millrace.worker.shutdown-grace", "5s",
            "millrace.worker.envs[0]", "REGION",
            "millrace.worker.work-dir", "/var/millrace",
            "millrace.worker.id", "worker-a",
            "millrace.worker.secrets.source", "none",
            "millrace.worker.secrets.values.TOKEN", "abc",
            "millrace.worker.commands.run-as", "builder",
            "millrace.worker.commands.pid-namespace", "false"));

        assertThat(s.concurrency()).isEqualTo(4);
        assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.attemptWait(Duration.ofSeconds(30))).as("set: whatever the grace period").isEqualTo(Duration.ofSeconds(5));
        assertThat(s.envs()).containsExactly("REGION");
        assertThat(s.workDir()).isEqualTo(Path.of("/var/millrace"));
        assertThat(s.id()).isEqualTo("worker-a");
        assertThat(s.secrets().provider(Map.of("SECRET_OTHER", "eA==")).secret("ns", "OTHER")).isEmpty();
        assertThat(s.secrets().provider(Map.of()).secret("ns", "TOKEN")).contains("abc");
        assertThat(s.commands()).isEqualTo(new WorkerSettings.Commands("builder", false));
        assertThat(s.withCommandsRunAs("other").commands()).isEqualTo(new WorkerSettings.Commands("other", false));
    }

    @Test
    void secretsFromTheEnvironmentAreBase64AndExplicitValuesWin() {
        WorkerSettings.Secrets secrets = new WorkerSettings.Secrets(null, Map.of("A", "plain"));
        Map<String, String> env = Map.of("SECRET_A", "aWdub3JlZA==", "SECRET_B", "aGVsbG8=");

        assertThat(secrets.provider(env).secret("ns", "A")).contains("plain");
        assertThat(secrets.provider(env).secret("ns", "B")).contains("hello");
    }

    @Test
    void templatesSeeOnlyTheAllowedVariablesAndKestraNamesToo() {
        WorkerSettings s = bind(Map.of("millrace.worker.envs[0]", "REGION", "millrace.worker.envs[1]", "ENV_API_URL",
            "millrace.worker.envs[2]", "MISSING"));

        Map<String, String> seen = s.allowedEnvironment(Map.of("REGION", "eu", "ENV_API_URL", "http://api",
            "AWS_SECRET_ACCESS_KEY", "never"));

        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of("REGION", "eu", "ENV_API_URL", "http://api",
            "api_url", "http://api"));
    }

    @Test
    void aStoppingWorkerWaitsForAttemptsThenAnEighthOfThatForTheOnesItInterrupts() {
        Duration attempts = WorkerSettings.defaults().attemptWait(Duration.ofSeconds(30));
        Duration interrupted = WorkerSettings.interruptWait(attempts);

        assertThat(attempts).isEqualTo(Duration.ofSeconds(15));
        assertThat(interrupted).isEqualTo(Duration.ofMillis(1875));
        assertThat(attempts.plus(interrupted)).as("what is left is for closing, and for the other services of the process")
            .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aNegativeShutdownGraceIsRefused() {
        assertThatThrownBy(() -> WorkerSettings.defaults().withShutdownGrace(Duration.ofSeconds(-1)))
            .hasMessageContaining("millrace.worker.shutdown-grace");
    }

    @Test
    void aConcurrencyBelowOneIsRefused() {
        assertThatThrownBy(() -> WorkerSettings.defaults().withConcurrency(0))
            .hasMessageContaining("millrace.worker.concurrency");
    }

    private static WorkerSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("millrace.worker", WorkerSettings.class);
    }
}
