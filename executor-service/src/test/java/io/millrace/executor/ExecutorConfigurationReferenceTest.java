package io.millrace.executor;

import io.millrace.kafka.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code millrace.executor.*} key the code declares is documented in docs/configuration.md. */
class ExecutorConfigurationReferenceTest {

    @Test
    void everyExecutorKeyIsDocumented() {
        Path module = Path.of("").toAbsolutePath();
        ConfigurationReference page = ConfigurationReference.read(module);
        Map<String, String> declared = ConfigurationReference.declaredKeys(
            module.resolve("target/classes/META-INF/spring-configuration-metadata.json"));

        assertThat(declared).containsKey("millrace.executor.terminal-retention");
        assertThat(page.undocumented(declared.keySet())).isEmpty();
        assertThat(page.prefixes()).contains("millrace.executor");
    }
}
