package io.millrace.topics;

import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.EmbeddedKafka;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(KafkaBrokerExtension.class)
class ExecutionIdPartitionerTest {

    private static final String TOPIC = "partitioner-test";
    private static final int PARTITIONS = 16;

    @BeforeAll
    static void createTopic(EmbeddedKafka kafka) {
        kafka.createTopics(PARTITIONS, TOPIC);
    }

    @Test
    void composite_keys_go_where_kafka_sends_their_execution_id(@BootstrapServers String bootstrap) throws Exception {
        List<String> ids = IntStream.range(0, 100).mapToObj(i -> "exec-" + i).toList();
        Map<String, Future<RecordMetadata>> byDefault = new HashMap<>();
        Map<String, Future<RecordMetadata>> byExecution = new HashMap<>();
        Map<String, Future<RecordMetadata>> compositeByExecution = new HashMap<>();

        try (KafkaProducer<String, String> kafkaDefault = producer(bootstrap, null);
             KafkaProducer<String, String> millrace = producer(bootstrap, ExecutionIdPartitioner.class)) {
            for (String id : ids) {
                byDefault.put(id, kafkaDefault.send(new ProducerRecord<>(TOPIC, id, "v")));
                byExecution.put(id, millrace.send(new ProducerRecord<>(TOPIC, id, "v")));
                compositeByExecution.put(id, millrace.send(new ProducerRecord<>(TOPIC, Keys.taskRun(id, "tr-" + id.length()), "v")));
            }
        }

        Map<String, Integer> partitionByDefault = partitions(byDefault);
        assertThat(partitions(byExecution)).isEqualTo(partitionByDefault);
        assertThat(partitions(compositeByExecution)).isEqualTo(partitionByDefault);
        assertThat(new HashSet<>(partitionByDefault.values())).as("the sample spreads over the partitions")
            .hasSizeGreaterThan(PARTITIONS / 2);
        ids.forEach(id -> assertThat(ExecutionIdPartitioner.partition(id + "/x", PARTITIONS)).isEqualTo(partitionByDefault.get(id)));
    }

    @Test
    void a_record_without_key_is_refused(@BootstrapServers String bootstrap) {
        try (KafkaProducer<String, String> millrace = producer(bootstrap, ExecutionIdPartitioner.class)) {
            assertThatThrownBy(() -> millrace.send(new ProducerRecord<>(TOPIC, null, "v")).get())
                .satisfiesAnyOf(
                    e -> assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a key"),
                    e -> assertThat(e).isInstanceOf(ExecutionException.class).hasRootCauseMessage("a record of " + TOPIC + " needs a key"));
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap, Class<?> partitioner) {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", "0"));
        if (partitioner != null) {
            config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, partitioner.getName());
        }
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Map<String, Integer> partitions(Map<String, Future<RecordMetadata>> sent) throws Exception {
        Map<String, Integer> partitions = new HashMap<>();
        for (Map.Entry<String, Future<RecordMetadata>> e : sent.entrySet()) {
            partitions.put(e.getKey(), e.getValue().get(10, TimeUnit.SECONDS).partition());
        }
        return partitions;
    }
}
