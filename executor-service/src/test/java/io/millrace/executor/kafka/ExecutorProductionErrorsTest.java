package io.millrace.executor.kafka;

import io.millrace.topics.Keys;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorProductionErrorsTest {

    private final String application = "production-errors-" + UUID.randomUUID();
    private final ExecutorProductionErrors handler = new ExecutorProductionErrors();
    private PoisonRecords poison;

    @BeforeEach
    void configure() {
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, application));
        poison = PoisonRecords.of(application);
    }

    private static ProducerRecord<byte[], byte[]> taskRunOf(String execution) {
        return new ProducerRecord<>("millrace_taskruns",
            Keys.taskRun(execution, "run1").getBytes(StandardCharsets.UTF_8), new byte[10]);
    }

    @Test
    void onlyTheRefusedRecordIsBlamedNotTheOthersOfTheFailedTransaction() {
        RecordTooLargeException refusal = new RecordTooLargeException("larger than the max message size");

        assertThat(handler.handle(null, taskRunOf("big"), refusal)).isEqualTo(ProductionExceptionHandlerResponse.FAIL);
        // the producer fails the transaction's other records with the very same exception
        assertThat(handler.handle(null, taskRunOf("innocent"), refusal)).isEqualTo(ProductionExceptionHandlerResponse.FAIL);

        assertThat(poison.pending("big")).isNotNull();
        assertThat(poison.pending("big").reason()).contains("RecordTooLargeException", "millrace_taskruns");
        assertThat(poison.pending("innocent")).isNull();
    }

    @Test
    void aFailureThatSaysNothingOfTheRecordBlamesNobody() {
        assertThat(handler.handle(null, taskRunOf("a"), new TimeoutException("no answer")))
            .isEqualTo(ProductionExceptionHandlerResponse.RETRY);
        assertThat(handler.handle(null, taskRunOf("b"),
            new KafkaException("Cannot perform send because at least one previous transactional request has failed")))
            .isEqualTo(ProductionExceptionHandlerResponse.FAIL);

        assertThat(poison.pending("a")).isNull();
        assertThat(poison.pending("b")).isNull();
    }

    @Test
    void aSecondRefusalOfTheSameExecutionIsCounted() {
        handler.handle(null, taskRunOf("big"), new RecordTooLargeException("first"));
        handler.handle(null, taskRunOf("big"), new RecordTooLargeException("again"));

        assertThat(poison.pending("big").refusals()).isEqualTo(2);
    }
}
