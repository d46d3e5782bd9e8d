package io.millrace.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(KafkaBrokerExtension.class)
class TopicCreatorTest {

    private final Logger creatorLog = (Logger) LoggerFactory.getLogger(TopicCreator.class);
    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logLines.start();
        creatorLog.addAppender(logLines);
    }

    @AfterEach
    void releaseLogs() {
        creatorLog.detachAppender(logLines);
    }

    @Test
    void creates_every_topic_with_its_partitions_replicas_and_configs(@BootstrapServers String bootstrap) throws Exception {
        KafkaClients clients = clients(bootstrap, "created_", Map.of(
            "millrace.kafka.defaults.topic.partitions", "2",
            "millrace.kafka.defaults.topic.properties.max.message.bytes", "2097152",
            "millrace.kafka.defaults.topics.logs.properties.retention.ms", "3600000",
            "millrace.kafka.defaults.topics.logs.properties.partitions", "3",
            "millrace.kafka.defaults.topics.dead_letters.name", "created_dlq"));

        List<String> created = new TopicCreator(clients).createMissing();

        List<String> names = Arrays.stream(Topic.values()).map(clients::topic).toList();
        assertThat(created).containsExactlyInAnyOrderElementsOf(names).contains("created_dlq", "created_executions");
        try (Admin admin = Admin.create(clients.admin())) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            Map<String, Config> configs = describeConfigs(admin, names);
            for (Topic topic : Topic.values()) {
                String name = clients.topic(topic);
                TopicDescription description = topics.get(name);
                assertThat(description.partitions()).as(name).hasSize(topic == Topic.LOGS ? 3 : 2);
                assertThat(description.partitions().getFirst().replicas()).as(name).hasSize(1);
                Config config = configs.get(name);
                assertThat(value(config, "cleanup.policy")).as(name).isEqualTo(topic.cleanup().policy());
                assertThat(value(config, "retention.ms")).as(name).isEqualTo(topic == Topic.LOGS ? "3600000"
                    : topic.retention() == null ? "-1" : String.valueOf(topic.retention().toMillis()));
                assertThat(value(config, "max.message.bytes")).as(name).isEqualTo("2097152");
                assertThat(config.get("partitions")).as(name).isNull();
            }
        }
        assertThat(logLines.list).noneMatch(line -> line.getLevel() == Level.WARN);
    }

    @Test
    void right_after_creating_every_partition_takes_records_from_an_idempotent_producer(@BootstrapServers String bootstrap)
        throws Exception {
        KafkaClients clients = clients(bootstrap, "ready_", Map.of("millrace.kafka.defaults.topic.partitions", "3"));

        new TopicCreator(clients).createMissing();

        Map<String, Object> config = clients.producer("ready-test");
        config.put("delivery.timeout.ms", "10000");
        config.put("request.timeout.ms", "5000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                for (int p = 0; p < 3; p++) {
                    sent.add(producer.send(new ProducerRecord<>(clients.topic(topic), p, "k", "v")));
                }
            }
            for (Future<RecordMetadata> f : sent) {
                assertThat(f.get(15, TimeUnit.SECONDS).offset()).isZero();
            }
        }
    }

    @Test
    void leaves_existing_topics_alone_and_warns_when_their_partition_count_differs(@BootstrapServers String bootstrap)
        throws Exception {
        KafkaClients two = clients(bootstrap, "existing_", Map.of("millrace.kafka.defaults.topic.partitions", "2"));
        new TopicCreator(two).createMissing();
        KafkaClients again = clients(bootstrap, "existing_", Map.of("millrace.kafka.defaults.topic.partitions", "2",
            "millrace.kafka.defaults.topics.logs.properties.retention.ms", "1000"));
        logLines.list.clear();

        assertThat(new TopicCreator(again).createMissing()).isEmpty();
        assertThat(logLines.list).isEmpty();

        KafkaClients four = clients(bootstrap, "existing_", Map.of("millrace.kafka.defaults.topics.executions.properties.partitions", "4",
            "millrace.kafka.defaults.topic.partitions", "2"));
        assertThat(new TopicCreator(four).createMissing()).isEmpty();

        assertThat(logLines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).contains("existing_executions has 2 partitions where the settings ask for 4");
        });
        try (Admin admin = Admin.create(two.admin())) {
            assertThat(admin.describeTopics(List.of("existing_executions")).allTopicNames().get()
                .get("existing_executions").partitions()).hasSize(2);
            assertThat(value(describeConfigs(admin, List.of("existing_logs")).get("existing_logs"), "retention.ms"))
                .isEqualTo(String.valueOf(Topic.LOGS.retention().toMillis()));
        }
    }

    @Test
    void services_starting_together_create_each_topic_once(@BootstrapServers String bootstrap) throws Exception {
        KafkaClients clients = clients(bootstrap, "together_", Map.of("millrace.kafka.defaults.topic.partitions", "2"));
        List<Callable<List<String>>> services = List.of(
            () -> new TopicCreator(clients).createMissing(),
            () -> new TopicCreator(clients).createMissing(),
            () -> new TopicCreator(clients).createMissing());

        List<String> createdByAll = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<List<String>> f : threads.invokeAll(services)) {
                createdByAll.addAll(f.get());
            }
        }

        assertThat(createdByAll).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(Arrays.stream(Topic.values()).map(clients::topic).toList());
    }

    @Test
    void a_topic_kafka_refuses_fails_with_its_name_and_the_reason(@BootstrapServers String bootstrap) {
        KafkaClients clients = clients(bootstrap, "refused_", Map.of(
            "millrace.kafka.defaults.topic.partitions", "1",
            "millrace.kafka.defaults.topics.metrics.properties.replication.factor", "3"));

        assertThatThrownBy(() -> new TopicCreator(clients).createMissing())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("refused_metrics")
            .hasMessageContaining("replication factor 3")
            .hasMessageContaining("Unable to replicate the partition 3 time(s)");
    }

    @Test
    void an_unreadable_partition_count_is_named() {
        KafkaClients clients = clients("127.0.0.1:1", "bad_", Map.of("millrace.kafka.defaults.topics.logs.properties.partitions", "many"));

        assertThatThrownBy(() -> new TopicCreator(clients).createMissing())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("logs")
            .hasMessageContaining("whole numbers");
    }

    private static KafkaClients clients(String bootstrap, String prefix, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("millrace.kafka.client.properties.bootstrap.servers", bootstrap);
        all.put("millrace.kafka.defaults.topic-prefix", prefix);
        return new KafkaClients(new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("millrace.kafka", KafkaSettings.class));
    }

    private static Map<String, Config> describeConfigs(Admin admin, List<String> names) throws Exception {
        return admin.describeConfigs(names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList())
            .all().get().entrySet().stream()
            .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null ? null : entry.value();
    }
}
