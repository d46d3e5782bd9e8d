package io.millrace.kafka;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.millrace.kafka.embedded.EmbeddedKafka;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaBrokerExtension.class)
class RecordLoggersInStreamsTest {

    private final Logger recordLog = (Logger) LoggerFactory.getLogger(RecordLoggers.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @TempDir
    Path stateDir;

    @BeforeEach
    void capture() {
        lines.start();
        recordLog.addAppender(lines);
    }

    @AfterEach
    void release() {
        recordLog.detachAppender(lines);
    }

    @Test
    void a_kafka_streams_application_logs_what_it_reads_and_writes(EmbeddedKafka kafka) {
        kafka.createTopics(1, "streams-in", "streams-out");
        KafkaClients clients = new KafkaClients(new Binder(new MapConfigurationPropertySource(Map.of(
            "millrace.kafka.client.properties.bootstrap.servers", kafka.bootstrapServers(),
            "millrace.kafka.stream.state-dir", stateDir.toString(),
            "millrace.kafka.defaults.stream.properties.commit.interval.ms", "100",
            "millrace.kafka.client.loggers[0].type", "CONSUMER",
            "millrace.kafka.client.loggers[0].topic-regexp", "^streams-in$",
            "millrace.kafka.client.loggers[0].value-regexp", "^wanted$",
            "millrace.kafka.client.loggers[1].type", "PRODUCER",
            "millrace.kafka.client.loggers[1].topic-regexp", "^streams-out$")))
            .bindOrCreate("millrace.kafka", KafkaSettings.class));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("streams-in", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(v -> v.toUpperCase())
            .to("streams-out", Produced.with(Serdes.String(), Serdes.String()));
        Properties config = new Properties();
        config.putAll(clients.streams("record-loggers-test"));

        try (KafkaStreams streams = new KafkaStreams(builder.build(), config);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                 new StringSerializer(), new StringSerializer())) {
            streams.start();
            producer.send(new ProducerRecord<>("streams-in", "k1", "unwanted"));
            producer.send(new ProducerRecord<>("streams-in", "k2", "wanted"));
            producer.flush();

            await().atMost(Duration.ofSeconds(30)).until(() -> lines.list.size() >= 3);
            streams.close(Duration.ofSeconds(10));
        }

        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).anyMatch(m -> m.matches("\\[.*StreamThread.*] received streams-in-0@\\d+ key=k2 value=wanted"));
        assertThat(messages).noneMatch(m -> m.contains("received") && m.contains("unwanted"));
        assertThat(messages).anyMatch(m -> m.matches("\\[.*StreamThread.*] sent streams-out(-0)? key=k1 value=UNWANTED"))
            .anyMatch(m -> m.matches("\\[.*StreamThread.*] sent streams-out(-0)? key=k2 value=WANTED"));
        assertThat(messages).hasSize(3);
    }
}
