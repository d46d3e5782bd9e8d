package io.millrace.tasks.kafka;

import io.millrace.kafka.embedded.EmbeddedKafka;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.runtime.RunnerSettings;
import io.millrace.runtime.TriggerEvaluator;
import io.millrace.runtime.TriggerEvaluator.Outcome;
import io.millrace.serde.Json;
import io.millrace.storage.InternalStorage;
import io.millrace.storage.LocalInternalStorage;
import io.millrace.template.TemplateEngine;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka triggers evaluated once against a real broker, as a worker evaluates them: what they fire, and that
 * their consumer group's offsets move only once the answer is acknowledged.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaTriggersTest {

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;
    private String topic;
    private String group;
    private InternalStorage storage;
    private TriggerEvaluator evaluator;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) {
        this.kafka = kafka;
        String id = UUID.randomUUID().toString().substring(0, 8);
        topic = "orders-" + id;
        group = "trigger-" + id;
        kafka.createTopics(2, topic);
        storage = new LocalInternalStorage(dir.resolve("storage"));
        evaluator = new TriggerEvaluator(new TemplateEngine(),
            new RunnerSettings("w1", Map.of(), dir.resolve("work"), Clock.systemUTC(), storage));
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(),
            new StringSerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    private void produce(int partition, String key, String value, Map<String, String> headers) throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, partition, key, value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(r).get();
    }

    private Map<String, Object> trigger(String type, Map<String, Object> extra) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", "orders");
        t.put("type", type);
        t.put("properties", Map.of("bootstrap.servers", kafka.bootstrapServers()));
        t.put("topic", topic);
        t.put("groupId", group);
        t.put("pollDuration", "PT1S");
        t.putAll(extra);
        return t;
    }

    private Outcome evaluate(Map<String, Object> trigger) throws InterruptedException {
        return evaluator.evaluate(new TriggerEvaluation(UUID.randomUUID().toString(), "company.team", "orders-flow", 1,
            "orders", trigger, Instant.now()));
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, o) -> result.put(tp, o.offset()));
            return result;
        }
    }

    @Test
    void the_batch_trigger_stores_the_records_in_one_file_and_commits_once_acknowledged() throws Exception {
        produce(0, "a", "{\"id\": 1}", Map.of());
        produce(0, "b", "{\"id\": 2}", Map.of("source", "shop"));
        produce(1, "c", "{\"id\": 3}", Map.of());

        try (Outcome outcome = evaluate(trigger("io.kestra.plugin.kafka.Trigger", Map.of("valueDeserializer", "JSON")))) {
            assertThat(outcome.error()).isNull();
            assertThat(outcome.result().fires()).hasSize(1);
            Map<String, Object> fire = outcome.result().fires().getFirst();
            assertThat(fire).containsEntry("messagesCount", 3);

            List<Object> lines = readLines(URI.create((String) fire.get("uri")));
            assertThat(lines).hasSize(3);
            List<Object> values = lines.stream().map(l -> (Object) ((Map<?, ?>) l).get("value")).toList();
            assertThat(values).containsExactlyInAnyOrder(Map.of("id", 1), Map.of("id", 2), Map.of("id", 3));
            Object second = lines.stream().filter(l -> "b".equals(((Map<?, ?>) l).get("key"))).findFirst().orElseThrow();
            assertThat(Json.write(second)).contains("\"topic\":\"" + topic + "\"", "\"partition\":0", "\"offset\":1",
                "\"headers\":[{\"source\":\"shop\"}]");
            assertThat(fire.get("uri").toString()).startsWith("millrace:///company/team/orders-flow/triggers/orders/");

            assertThat(committed()).as("nothing is committed before the answer is stored").isEmpty();
            outcome.result().acknowledge();
        }
        assertThat(committed()).containsEntry(new TopicPartition(topic, 0), 2L)
            .containsEntry(new TopicPartition(topic, 1), 1L);

        try (Outcome again = evaluate(trigger("io.millrace.kafka.Trigger", Map.of()))) {
            assertThat(again.result().fires()).as("what was committed is not read again").isEmpty();
        }
    }

    @Test
    void records_not_acknowledged_are_read_again() throws Exception {
        produce(0, "a", "first", Map.of());

        try (Outcome lost = evaluate(trigger("io.millrace.kafka.Trigger", Map.of()))) {
            assertThat(lost.result().fires()).hasSize(1);
            // the worker died before its answer was stored: no acknowledgement
        }
        try (Outcome again = evaluate(trigger("io.millrace.kafka.Trigger", Map.of()))) {
            assertThat(again.result().fires().getFirst()).containsEntry("messagesCount", 1);
        }
    }

    @Test
    void the_realtime_trigger_fires_once_per_record_up_to_max_records() throws Exception {
        for (int i = 0; i < 5; i++) {
            produce(0, "k" + i, "value " + i, i == 0 ? Map.of("trace", "t-0") : Map.of());
        }
        Map<String, Object> trigger = trigger("io.kestra.plugin.kafka.RealtimeTrigger", Map.of("maxRecords", 3));

        try (Outcome first = evaluate(trigger)) {
            assertThat(first.result().fires()).extracting(f -> f.get("value"))
                .containsExactly("value 0", "value 1", "value 2");
            Map<String, Object> fire = first.result().fires().getFirst();
            assertThat(fire).containsEntry("key", "k0").containsEntry("topic", topic).containsEntry("partition", 0)
                .containsEntry("offset", 0L).containsEntry("headers", List.of(Map.of("trace", "t-0")));
            assertThat(Instant.parse((String) fire.get("timestamp"))).isBefore(Instant.now().plusSeconds(1));
            first.result().acknowledge();
        }
        try (Outcome second = evaluate(trigger)) {
            assertThat(second.result().fires()).extracting(f -> f.get("value")).containsExactly("value 3", "value 4");
            second.result().acknowledge();
        }
        assertThat(committed()).containsEntry(new TopicPartition(topic, 0), 5L);
    }

    @Test
    void a_value_that_is_not_json_is_an_error_naming_the_record() throws Exception {
        produce(1, "a", "not json", Map.of());

        try (Outcome outcome = evaluate(trigger("io.millrace.kafka.RealtimeTrigger",
            Map.of("valueDeserializer", "JSON")))) {
            assertThat(outcome.result()).isNull();
            assertThat(outcome.error()).startsWith("the value of record 0 of " + topic + "-1 cannot be read as JSON");
        }
        assertThat(committed()).isEmpty();
    }

    @Test
    void a_topic_pattern_reads_every_matching_topic() throws Exception {
        produce(0, "a", "one", Map.of());
        Map<String, Object> trigger = trigger("io.millrace.kafka.RealtimeTrigger", Map.of());
        trigger.remove("topic");
        trigger.put("topicPattern", topic.replace("orders-", "ord.*-"));

        try (Outcome outcome = evaluate(trigger)) {
            assertThat(outcome.result().fires()).extracting(f -> f.get("value")).containsExactly("one");
        }
    }

    @Test
    void a_missing_topic_or_an_unsupported_deserializer_is_a_clear_error() throws Exception {
        try (Outcome missing = evaluate(trigger("io.millrace.kafka.Trigger", Map.of("topic", "no-such-topic")))) {
            assertThat(missing.error()).isEqualTo("topic 'no-such-topic' does not exist on the Kafka cluster");
        }
        try (Outcome avro = evaluate(trigger("io.millrace.kafka.Trigger", Map.of("keyDeserializer", "AVRO")))) {
            assertThat(avro.error()).isEqualTo("keyDeserializer: AVRO is not supported by Millrace: use STRING or JSON");
        }
    }

    private List<Object> readLines(URI uri) throws Exception {
        try (InputStream in = storage.get(uri).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(Json::parse).toList();
        }
    }
}
