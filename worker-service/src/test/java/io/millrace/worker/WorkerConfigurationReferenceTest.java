package io.millrace.worker;

import io.millrace.kafka.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code millrace.worker.*} key the code declares is documented in docs/configuration.md. */
class WorkerConfigurationReferenceTest {

    @Test
    void everyWorkerKeyIsDocumented() {
        Path module = Path.of("").toAbsolutePath();
        ConfigurationReference page = ConfigurationReference.read(module);
        Map<String, String> declared = ConfigurationReference.declaredKeys(
            module.resolve("target/classes/META-INF/spring-configuration-metadata.json"));

        assertThat(declared).containsKey("millrace.worker.concurrency");
        assertThat(page.undocumented(declared.keySet())).isEmpty();
        assertThat(page.stale(declared)).isEmpty();
    }
}
