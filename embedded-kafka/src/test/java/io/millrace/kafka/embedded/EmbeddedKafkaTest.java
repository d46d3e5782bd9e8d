package io.millrace.kafka.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedKafkaTest {

    @TempDir
    Path dir;

    @Test
    void a_restart_on_the_same_directory_keeps_topics_and_records() throws Exception {
        Path logDir = dir.resolve("kafka");
        try (EmbeddedKafka kafka = new EmbeddedKafka(logDir).start()) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            kafka.createTopics(1, "kept");
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                producer.send(new ProducerRecord<>("kept", "k", "before the restart")).get();
            }
        }

        try (EmbeddedKafka kafka = new EmbeddedKafka(logDir).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("kept");
            }
            assertThat(consumeAll(kafka.bootstrapServers(), "kept", 1)).containsExactly("before the restart");
        }
    }

    @Test
    void listens_on_the_loopback_address_only_and_frees_its_port_when_closed() throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka")).start();
        String bootstrap = kafka.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            assertThat(socket.isConnected()).isTrue();
        }
        kafka.close();

        assertThat(kafka.isRunning()).isFalse();
        assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void the_client_port_can_be_fixed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), port, Map.of()).start()) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
            "auto.offset.reset", "earliest", "group.id", "reader-" + System.nanoTime()),
            new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    values.add(r.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
