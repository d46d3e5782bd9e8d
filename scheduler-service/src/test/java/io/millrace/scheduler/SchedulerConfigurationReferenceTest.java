package io.millrace.scheduler;

import io.millrace.kafka.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code millrace.scheduler.*} key is documented in docs/configuration.md. */
class SchedulerConfigurationReferenceTest {

    @Test
    void everySchedulerKeyIsDocumented() {
        Path module = Path.of("").toAbsolutePath();
        ConfigurationReference page = ConfigurationReference.read(module);
        Map<String, String> declared = ConfigurationReference.declaredKeys(
            module.resolve("target/classes/META-INF/spring-configuration-metadata.json"));

        assertThat(declared).containsKeys("millrace.scheduler.tick", "millrace.scheduler.downtime-after");
        assertThat(page.undocumented(declared.keySet())).isEmpty();
        assertThat(page.stale(declared)).isEmpty();
    }
}
