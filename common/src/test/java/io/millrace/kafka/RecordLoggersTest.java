package io.millrace.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.millrace.model.worker.KillTaskRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.millrace.kafka.KafkaClientsTest.clients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordLoggersTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RecordLoggers.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.TRACE);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    @Test
    void a_producer_logs_what_matches_topic_key_and_value_at_the_rules_level() {
        ProducedRecordLogger interceptor = producerInterceptor(Map.of(
            "millrace.kafka.client.loggers[0].type", "PRODUCER",
            "millrace.kafka.client.loggers[0].topic-regexp", "^millrace_executions$",
            "millrace.kafka.client.loggers[0].key-regexp", "exec-1",
            "millrace.kafka.client.loggers[0].value-regexp", "FAILED",
            "millrace.kafka.client.loggers[0].level", "WARN"));

        interceptor.onSend(new ProducerRecord<>("millrace_executions", "exec-1", "{\"state\":\"FAILED\"}"));
        interceptor.onSend(new ProducerRecord<>("millrace_executions", "exec-1", "{\"state\":\"SUCCESS\"}"));
        interceptor.onSend(new ProducerRecord<>("millrace_executions", "exec-2", "{\"state\":\"FAILED\"}"));
        interceptor.onSend(new ProducerRecord<>("millrace_executions_copy", "exec-1", "{\"state\":\"FAILED\"}"));

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage())
                .isEqualTo("[producer-7] sent millrace_executions key=exec-1 value={\"state\":\"FAILED\"}");
        });
    }

    @Test
    void a_consumer_logs_bytes_as_text_and_records_as_json_with_their_offsets() {
        ConsumedRecordLogger interceptor = consumerInterceptor(Map.of(
            "millrace.kafka.client.loggers[0].topic-regexp", "killed"));
        TopicPartition tp = new TopicPartition("millrace_execution_killed", 2);
        ConsumerRecords<Object, Object> records = new ConsumerRecords<>(Map.of(tp, List.of(
            new ConsumerRecord<>(tp.topic(), 2, 41, "exec-1", "raw text".getBytes(StandardCharsets.UTF_8)),
            new ConsumerRecord<>(tp.topic(), 2, 42, "exec-1", new KillTaskRun("exec-1", "tr-1", 1)))),
            Map.of(tp, new OffsetAndMetadata(43)));

        assertThat(interceptor.onConsume(records)).isSameAs(records);

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
            "[consumer-3] received millrace_execution_killed-2@41 key=exec-1 value=raw text",
            "[consumer-3] received millrace_execution_killed-2@42 key=exec-1 value="
                + "{\"executionId\":\"exec-1\",\"taskRunId\":\"tr-1\",\"attempt\":1}");
        assertThat(lines.list).allSatisfy(line -> assertThat(line.getLevel()).isEqualTo(Level.INFO));
    }

    @Test
    void a_rule_for_consumers_leaves_producers_alone() {
        KafkaClients clients = clients(Map.of("millrace.kafka.client.loggers[0].type", "CONSUMER"));
        ProducedRecordLogger interceptor = new ProducedRecordLogger();
        Map<String, Object> configs = clients.producer("p");
        configs.put(RecordLoggers.CONFIG, clients.consumer("g", "c").get(RecordLoggers.CONFIG));
        interceptor.configure(configs);

        interceptor.onSend(new ProducerRecord<>("any", "k", "v"));

        assertThat(lines.list).isEmpty();
    }

    @Test
    void a_long_value_is_cut_after_2_kb() {
        ProducedRecordLogger interceptor = producerInterceptor(Map.of("millrace.kafka.client.loggers[0].value-regexp", "y$"));
        String value = "x".repeat(10_000) + "y";

        interceptor.onSend(new ProducerRecord<>("logs", "k", value));

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
            .isEqualTo("[producer-7] sent logs key=k value=" + "x".repeat(2048) + "… (10001 characters)");
    }

    @Test
    void a_bad_regular_expression_fails_when_the_client_is_configured() {
        assertThatThrownBy(() -> clients(Map.of("millrace.kafka.client.loggers[0].key-regexp", "exec-(")).producer("p"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("keyRegexp");
    }

    private static ProducedRecordLogger producerInterceptor(Map<String, String> properties) {
        ProducedRecordLogger interceptor = new ProducedRecordLogger();
        interceptor.configure(clients(properties).producer("producer-7"));
        return interceptor;
    }

    private static ConsumedRecordLogger consumerInterceptor(Map<String, String> properties) {
        ConsumedRecordLogger interceptor = new ConsumedRecordLogger();
        interceptor.configure(clients(properties).consumer("g", "consumer-3"));
        return interceptor;
    }
}
