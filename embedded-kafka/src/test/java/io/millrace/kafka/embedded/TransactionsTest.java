package io.millrace.kafka.embedded;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaBrokerExtension.class)
class TransactionsTest {

    private static final String TOPIC = "transactions-test";

    @Test
    void a_read_committed_consumer_sees_committed_transactions_only(EmbeddedKafka kafka) {
        kafka.createTopics(1, TOPIC);
        String bootstrap = kafka.bootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            "bootstrap.servers", bootstrap, "transactional.id", "transactions-test", "acks", "all"),
            new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "a", "committed 1"));
            producer.send(new ProducerRecord<>(TOPIC, "b", "committed 2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "c", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "d", "committed 3"));
            producer.commitTransaction();
        }

        List<String> committed = new ArrayList<>();
        List<String> everything = new ArrayList<>();
        try (KafkaConsumer<String, String> readCommitted = consumer(bootstrap, "read_committed");
             KafkaConsumer<String, String> readUncommitted = consumer(bootstrap, "read_uncommitted")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                readCommitted.poll(Duration.ofMillis(100)).forEach(r -> committed.add(r.value()));
                for (ConsumerRecord<String, String> r : readUncommitted.poll(Duration.ofMillis(100))) {
                    everything.add(r.value());
                }
                return committed.size() >= 3 && everything.size() >= 4;
            });
        }
        assertThat(committed).containsExactly("committed 1", "committed 2", "committed 3");
        assertThat(everything).contains("aborted");
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String isolation) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
            "isolation.level", isolation, "auto.offset.reset", "earliest", "enable.auto.commit", "false"),
            new StringDeserializer(), new StringDeserializer());
        consumer.assign(Set.of(new TopicPartition(TOPIC, 0)));
        consumer.seekToBeginning(Set.of(new TopicPartition(TOPIC, 0)));
        return consumer;
    }
}
