package io.millrace.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaBrokerExtension.class)
class RecordLoggersOnBrokerTest {

    private final Logger recordLog = (Logger) LoggerFactory.getLogger(RecordLoggers.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        recordLog.addAppender(lines);
        recordLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        recordLog.detachAppender(lines);
        recordLog.setLevel(null);
    }

    @Test
    void producers_and_consumers_of_kafka_clients_log_the_records_that_match(@BootstrapServers String bootstrap) {
        Map<String, String> properties = new HashMap<>(Map.of(
            "millrace.kafka.client.properties.bootstrap.servers", bootstrap,
            "millrace.kafka.defaults.topic-prefix", "logged_",
            "millrace.kafka.defaults.topic.partitions", "2",
            "millrace.kafka.client.loggers[0].type", "PRODUCER",
            "millrace.kafka.client.loggers[0].topic-regexp", "^logged_logs$",
            "millrace.kafka.client.loggers[0].key-regexp", "^exec-1$",
            "millrace.kafka.client.loggers[1].type", "CONSUMER",
            "millrace.kafka.client.loggers[1].value-regexp", "needle",
            "millrace.kafka.client.loggers[1].level", "DEBUG"));
        KafkaClients clients = new KafkaClients(new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("millrace.kafka", KafkaSettings.class));
        new TopicCreator(clients).createMissing();
        String logs = clients.topic(Topic.LOGS);
        String metrics = clients.topic(Topic.METRICS);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clients.producer("writer"),
            new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(logs, "exec-1", "first line"));
            producer.send(new ProducerRecord<>(logs, "exec-2", "a needle in exec-2"));
            producer.send(new ProducerRecord<>(metrics, "exec-1", "rows=1"));
            producer.send(new ProducerRecord<>(logs, "exec-1", "a needle in exec-1"));
            producer.flush();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(clients.consumer(clients.group("reader"), "reader"),
            new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(logs, metrics));
            int[] received = {0};
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                received[0] += consumer.poll(Duration.ofMillis(100)).count();
                return received[0] >= 4;
            });
        }

        assertThat(lines.list).filteredOn(line -> line.getFormattedMessage().startsWith("[writer] sent"))
            .extracting(ILoggingEvent::getFormattedMessage, ILoggingEvent::getLevel)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("[writer] sent logged_logs key=exec-1 value=first line", Level.INFO),
                org.assertj.core.groups.Tuple.tuple("[writer] sent logged_logs key=exec-1 value=a needle in exec-1", Level.INFO));
        assertThat(lines.list).filteredOn(line -> line.getFormattedMessage().startsWith("[reader] received"))
            .extracting(ILoggingEvent::getFormattedMessage)
            .hasSize(2)
            .allSatisfy(line -> assertThat(line).matches("\\[reader] received logged_logs-\\d@\\d+ key=exec-\\d value=a needle in exec-\\d"))
            .anySatisfy(line -> assertThat(line).contains("exec-1"))
            .anySatisfy(line -> assertThat(line).contains("exec-2"));
        assertThat(lines.list).filteredOn(line -> line.getFormattedMessage().startsWith("[reader] received"))
            .allSatisfy(line -> assertThat(line.getLevel()).isEqualTo(Level.DEBUG));
        assertThat(lines.list).hasSize(4);
    }
}
