package io.millrace.kafka;

import io.millrace.topics.Topic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class KafkaClientsTest {

    /** Settings bound from properties the way a service binds {@code millrace.kafka}. */
    static KafkaClients clients(Map<String, String> properties) {
        return new KafkaClients(new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("millrace.kafka", KafkaSettings.class));
    }

    @Test
    void without_settings_clients_get_millraces_guarantees() {
        KafkaClients clients = clients(Map.of());

        assertThat(clients.producer("p")).contains(entry("acks", "all"), entry("compression.type", "lz4"),
            entry("enable.idempotence", "true"), entry("client.id", "p"));
        assertThat(clients.consumer("g", "c")).contains(entry("isolation.level", "read_committed"),
            entry("auto.offset.reset", "earliest"), entry("enable.auto.commit", "false"),
            entry("group.id", "g"), entry("client.id", "c"));
        assertThat(clients.consumer(null, "c")).doesNotContainKey("group.id");
        assertThat(clients.streams("executor")).contains(entry("processing.guarantee", "exactly_once_v2"),
            entry("application.id", "millrace_executor"), entry("replication.factor", "1"));
    }

    @Test
    void client_properties_override_the_defaults_and_per_kind_properties_override_both() {
        KafkaClients clients = clients(Map.of(
            "millrace.kafka.client.properties.bootstrap.servers", "kafka-1:9093",
            "millrace.kafka.client.properties.compression.type", "zstd",
            "millrace.kafka.client.properties.auto.offset.reset", "latest",
            "millrace.kafka.defaults.producer.properties.compression.type", "gzip",
            "millrace.kafka.defaults.consumer.properties.auto.offset.reset", "none",
            "millrace.kafka.defaults.stream.properties.processing.guarantee", "at_least_once",
            "millrace.kafka.defaults.producer.properties.client.id", "ignored"));

        assertThat(clients.admin()).contains(entry("bootstrap.servers", "kafka-1:9093"));
        assertThat(clients.producer("p")).contains(entry("bootstrap.servers", "kafka-1:9093"),
            entry("compression.type", "gzip"), entry("acks", "all"), entry("client.id", "p"));
        assertThat(clients.consumer("g", "c")).contains(entry("bootstrap.servers", "kafka-1:9093"),
            entry("auto.offset.reset", "none"), entry("isolation.level", "read_committed"));
        assertThat(clients.streams("executor")).contains(entry("bootstrap.servers", "kafka-1:9093"),
            entry("processing.guarantee", "at_least_once"), entry("producer.compression.type", "gzip"),
            entry("consumer.auto.offset.reset", "none"));
    }

    @Test
    void prefixes_name_topics_groups_and_streams_and_a_topic_can_be_renamed() {
        KafkaClients clients = clients(Map.of(
            "millrace.kafka.defaults.topic-prefix", "staging_",
            "millrace.kafka.defaults.consumer-prefix", "staging-",
            "millrace.kafka.defaults.topics.logs.name", "shared.millrace.logs"));

        assertThat(clients.topic(Topic.EXECUTIONS)).isEqualTo("staging_executions");
        assertThat(clients.topic(Topic.LOGS)).isEqualTo("shared.millrace.logs");
        assertThat(clients.group("worker")).isEqualTo("staging-worker");
        assertThat(clients.streams("executor")).containsEntry("application.id", "staging-executor");
        assertThat(clients(Map.of()).topic(Topic.WORKER_TASKS)).isEqualTo("millrace_worker_tasks");
    }

    @Test
    void topic_configs_layer_the_topic_kind_then_the_defaults_then_the_topics_own_properties() {
        KafkaClients clients = clients(Map.of(
            "millrace.kafka.defaults.topic.partitions", "8",
            "millrace.kafka.defaults.topic.replication-factor", "3",
            "millrace.kafka.defaults.topic.properties.min.insync.replicas", "2",
            "millrace.kafka.defaults.topics.logs.properties.retention.ms", "86400000",
            "millrace.kafka.defaults.topics.logs.properties.partitions", "32",
            "millrace.kafka.defaults.topics.logs.properties.replication.factor", "2"));

        assertThat(clients.topicConfig(Topic.EXECUTIONS)).containsExactlyInAnyOrderEntriesOf(Map.of(
            "cleanup.policy", "compact,delete", "retention.ms", "604800000", "min.insync.replicas", "2"));
        assertThat(clients.topicConfig(Topic.FLOWS)).contains(entry("cleanup.policy", "compact"), entry("retention.ms", "-1"));
        assertThat(clients.partitions(Topic.EXECUTIONS)).isEqualTo(8);
        assertThat(clients.replicationFactor(Topic.EXECUTIONS)).isEqualTo((short) 3);
        assertThat(clients.topicConfig(Topic.LOGS)).contains(entry("cleanup.policy", "delete"), entry("retention.ms", "86400000"));
        assertThat(clients.partitions(Topic.LOGS)).isEqualTo(32);
        assertThat(clients.replicationFactor(Topic.LOGS)).isEqualTo((short) 2);
    }

    @Test
    void record_loggers_are_installed_only_when_configured_and_only_for_their_direction() {
        assertThat(clients(Map.of()).producer("p")).doesNotContainKeys("interceptor.classes", RecordLoggers.CONFIG);
        assertThat(clients(Map.of()).streams("s")).doesNotContainKeys("producer.interceptor.classes", "consumer.interceptor.classes");

        KafkaClients consumersOnly = clients(Map.of(
            "millrace.kafka.client.loggers[0].type", "CONSUMER",
            "millrace.kafka.client.loggers[0].topic-regexp", "millrace_executions"));
        assertThat(consumersOnly.producer("p")).doesNotContainKey("interceptor.classes");
        assertThat(consumersOnly.consumer("g", "c"))
            .containsEntry("interceptor.classes", ConsumedRecordLogger.class.getName())
            .containsKey(RecordLoggers.CONFIG);
        assertThat(consumersOnly.streams("s"))
            .containsEntry("consumer.interceptor.classes", ConsumedRecordLogger.class.getName())
            .containsKey("consumer." + RecordLoggers.CONFIG)
            .doesNotContainKey("producer.interceptor.classes");

        KafkaClients both = clients(Map.of(
            "millrace.kafka.client.loggers[0].key-regexp", "exec-1",
            "millrace.kafka.defaults.producer.properties.interceptor.classes", "com.example.Tracing"));
        assertThat(both.producer("p"))
            .containsEntry("interceptor.classes", "com.example.Tracing," + ProducedRecordLogger.class.getName());
        assertThat(both.streams("s"))
            .containsEntry("producer.interceptor.classes", "com.example.Tracing," + ProducedRecordLogger.class.getName())
            .containsEntry("consumer.interceptor.classes", ConsumedRecordLogger.class.getName());
    }
}
