package io.millrace.kafka;

import io.millrace.topics.Topic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Keeps {@code docs/configuration.md} complete and its examples valid as settings are added. */
class ConfigurationReferenceTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private final ConfigurationReference page = ConfigurationReference.read(MODULE);

    @Test
    void every_key_the_code_declares_has_a_row_under_its_prefix() throws Exception {
        Map<String, String> declared = ConfigurationReference.declaredKeys(metadataOf(KafkaSettings.class));

        assertThat(declared).as("the configuration processor's metadata").containsKey("millrace.kafka.defaults.topic.partitions");
        assertThat(page.undocumented(declared.keySet())).as("keys missing from " + ConfigurationReference.PAGE).isEmpty();
        assertThat(page.stale(declared)).as("rows of " + ConfigurationReference.PAGE + " for keys the code does not have").isEmpty();
    }

    @Test
    void the_page_has_a_section_per_prefix() {
        assertThat(page.prefixes()).contains("millrace.kafka").doesNotHaveDuplicates();
    }

    @Test
    void every_topic_is_listed_with_its_cleanup_and_retention() {
        String kafka = page.section("millrace.kafka");
        for (Topic topic : Topic.values()) {
            Duration r = topic.retention();
            String retention = r == null ? "forever" : r.toDays() + (r.toDays() == 1 ? " day" : " days");
            assertThat(kafka).as(topic.baseName()).containsPattern(Pattern.compile(
                "\\| `" + topic.baseName() + "` \\| [^|]+ \\| `" + Pattern.quote(topic.cleanup().policy()) + "` \\| "
                    + retention + " \\|"));
        }
    }

    @Test
    void every_example_binds_with_no_key_left_over() {
        List<String> examples = yamlBlocks(page.section("millrace.kafka"));

        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
        for (String yaml : examples) {
            Map<String, String> properties = flatten(yaml);
            assertThatCode(() -> new Binder(new MapConfigurationPropertySource(properties)).bind("millrace.kafka",
                Bindable.of(KafkaSettings.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT)))
                .as(yaml).doesNotThrowAnyException();
        }
    }

    @Test
    void the_retention_example_does_what_the_page_says() {
        String example = yamlBlocks(page.section("millrace.kafka")).stream()
            .filter(y -> y.contains("dead_letters:")).findFirst().orElseThrow();
        KafkaClients clients = new KafkaClients(new Binder(new MapConfigurationPropertySource(flatten(example)))
            .bindOrCreate("millrace.kafka", KafkaSettings.class));

        assertThat(clients.topicConfig(Topic.LOGS)).containsEntry("retention.ms", "259200000");
        assertThat(clients.partitions(Topic.LOGS)).isEqualTo(32);
        assertThat(clients.topic(Topic.DEAD_LETTERS)).isEqualTo("ops.millrace.dead-letters");
        assertThat(clients.partitions(Topic.DEAD_LETTERS)).isEqualTo(3);
    }

    @Test
    void environment_variables_set_keys_and_map_entries_as_the_page_says() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
            "MILLRACE_KAFKA_DEFAULTS_TOPIC_PARTITIONS", "32",
            "MILLRACE_KAFKA_CLIENT_PROPERTIES_BOOTSTRAP_SERVERS", "kafka-1:9092"));
        KafkaSettings settings = new Binder(ConfigurationPropertySources.from(environment))
            .bindOrCreate("millrace.kafka", KafkaSettings.class);

        assertThat(settings.defaults().topic().partitions()).isEqualTo(32);
        assertThat(settings.client().properties()).containsEntry("bootstrap.servers", "kafka-1:9092");
    }

    private static Path metadataOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("META-INF/spring-configuration-metadata.json");
    }

    private static List<String> yamlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** YAML to the flat keys Spring Boot sees: {@code a.b.c}, {@code list[0].x}. */
    private static Map<String, String> flatten(String yaml) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", YAMLMapper.builder().build().readTree(yaml), flat);
        return flat;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), flat));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), flat);
            }
        } else {
            flat.put(path, node.asString());
        }
    }
}
