package io.millrace.worker;

import com.sun.net.httpserver.HttpServer;
import io.millrace.kafka.embedded.EmbeddedKafka;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.trigger.TriggerEvaluated;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker on a real broker takes trigger evaluations from the scheduler's topic and answers each. */
@ExtendWith(KafkaBrokerExtension.class)
class TriggerEvaluationOnKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    private KafkaFixture kafka;
    private KafkaFixture.TopicReader<TriggerEvaluated> answers;
    private HttpServer http;
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void setUp(EmbeddedKafka broker) throws IOException {
        kafka = new KafkaFixture(broker.bootstrapServers());
        answers = kafka.reader(Topic.TRIGGER_EVALUATION_RESULTS);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/ready", exchange -> {
            byte[] body = "ready".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.createContext("/hang", exchange -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        http.start();
    }

    @AfterEach
    void tearDown() {
        kafka.close();
        released.countDown();
        http.stop(0);
    }

    private WorkerSettings settings(WorkerSettings.Triggers triggers) {
        return WorkerSettings.defaults().withId("w-triggers").withWorkDir(work).withShutdownGrace(Duration.ofMillis(500))
            .withTriggers(triggers);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private static TriggerEvaluation evaluation(String flowId, Map<String, Object> trigger) {
        return new TriggerEvaluation(UUID.randomUUID().toString(), "company.team", flowId, 2,
            trigger.get("id").toString(), trigger, Instant.now());
    }

    private static Map<String, Object> httpTrigger(String uri, Map<String, Object> extra) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", "http");
        t.put("type", "io.kestra.plugin.core.http.Trigger");
        t.put("uri", uri);
        t.putAll(extra);
        return t;
    }

    private ConsumerRecord<String, TriggerEvaluated> answerTo(TriggerEvaluation evaluation) {
        return await().atMost(WAIT).until(() -> answers.poll().stream()
            .filter(r -> r.value() != null && r.value().evaluationId().equals(evaluation.evaluationId()))
            .findFirst().orElse(null), r -> r != null);
    }

    @Test
    void an_evaluation_is_answered_on_the_flows_partition_with_what_fired() {
        kafka.worker(settings(WorkerSettings.Triggers.DEFAULTS), null);
        TriggerEvaluation evaluation = evaluation("watch", httpTrigger(url("/ready"), Map.of()));

        kafka.send(evaluation, Instant.now());

        ConsumerRecord<String, TriggerEvaluated> record = answerTo(evaluation);
        TriggerEvaluated answer = record.value();
        assertThat(record.key()).isEqualTo("company.team/watch");
        assertThat(record.partition()).as("Kafka's default partitioning of the flow key, as the scheduler's")
            .isEqualTo(Utils.toPositive(Utils.murmur2("company.team/watch".getBytes(StandardCharsets.UTF_8)))
                % KafkaFixture.PARTITIONS);
        assertThat(answer.error()).isNull();
        assertThat(answer.workerId()).isEqualTo("w-triggers");
        assertThat(answer.triggerId()).isEqualTo("http");
        assertThat(answer.fires()).hasSize(1);
        assertThat(answer.fires().getFirst()).containsEntry("code", 200).containsEntry("body", "ready");
        assertThat(answer.endedAt()).isAfterOrEqualTo(answer.startedAt());
    }

    @Test
    void an_evaluation_past_its_timeout_is_interrupted_and_answered_with_an_error() {
        kafka.worker(settings(new WorkerSettings.Triggers(2, Duration.ofSeconds(1), Duration.ofMinutes(1))), null);
        TriggerEvaluation slow = evaluation("slow", httpTrigger(url("/hang"),
            Map.of("options", Map.of("readTimeout", "PT60S"))));

        kafka.send(slow, Instant.now());

        TriggerEvaluated answer = answerTo(slow).value();
        assertThat(answer.fires()).isEmpty();
        assertThat(answer.error()).isEqualTo("the evaluation did not end within 1 s");
        assertThat(Duration.between(answer.startedAt(), answer.endedAt())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void an_evaluation_sent_too_long_ago_is_answered_without_being_evaluated() {
        kafka.worker(settings(new WorkerSettings.Triggers(2, Duration.ofSeconds(30), Duration.ofSeconds(30))), null);
        TriggerEvaluation stale = evaluation("stale", httpTrigger(url("/ready"), Map.of()));

        kafka.send(stale, Instant.now().minus(Duration.ofMinutes(5)));

        TriggerEvaluated answer = answerTo(stale).value();
        assertThat(answer.fires()).isEmpty();
        assertThat(answer.error()).startsWith("not evaluated: the evaluation was sent").endsWith("limit of 30 s");
    }

    @Test
    void a_failing_evaluation_answers_a_clear_error() {
        kafka.worker(settings(WorkerSettings.Triggers.DEFAULTS), null);
        TriggerEvaluation unknown = evaluation("unknown", Map.of("id", "t", "type", "io.kestra.plugin.kafka.Triggr"));

        kafka.send(unknown, Instant.now());

        String error = answerTo(unknown).value().error();
        assertThat(error).startsWith("this worker cannot read the trigger").contains("unknown trigger type")
            .doesNotContain("\tat ", "Exception");
    }

    @Test
    void a_realtime_kafka_trigger_commits_its_offsets_once_answered(EmbeddedKafka broker) throws Exception {
        String topic = kafka.prefix() + "orders";
        String group = kafka.prefix() + "orders-trigger";
        broker.createTopics(1, topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k1", "{\"n\": 1}")).get();
            producer.send(new ProducerRecord<>(topic, "k2", "{\"n\": 2}")).get();
        }
        kafka.worker(settings(WorkerSettings.Triggers.DEFAULTS), null);
        Map<String, Object> trigger = new HashMap<>();
        trigger.put("id", "orders");
        trigger.put("type", "io.kestra.plugin.kafka.RealtimeTrigger");
        trigger.put("properties", Map.of("bootstrap.servers", broker.bootstrapServers()));
        trigger.put("topic", topic);
        trigger.put("groupId", group);
        trigger.put("valueDeserializer", "JSON");
        TriggerEvaluation evaluation = evaluation("orders", trigger);

        kafka.send(evaluation, Instant.now());

        TriggerEvaluated answer = answerTo(evaluation).value();
        assertThat(answer.error()).isNull();
        assertThat(answer.fires()).extracting(f -> f.get("key")).containsExactly("k1", "k2");
        assertThat(answer.fires()).extracting(f -> f.get("value")).containsExactly(Map.of("n", 1), Map.of("n", 2));
        await().atMost(WAIT).until(() -> committed(broker, group), offsets -> Long.valueOf(2)
            .equals(offsets.get(new TopicPartition(topic, 0))));
    }

    private static Map<TopicPartition, Long> committed(EmbeddedKafka broker, String group) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, o) -> result.put(tp, o.offset()));
            return result;
        }
    }
}
