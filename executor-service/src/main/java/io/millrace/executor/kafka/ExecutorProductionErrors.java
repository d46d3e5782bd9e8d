package io.millrace.executor.kafka;

import io.millrace.topics.Keys;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The executor's production error handler: when the broker refuses a record (too large for a topic whose
 * limit was lowered, a record the executor did not measure), it notes the execution the record belongs to
 * (from its key) in {@link PoisonRecords} and fails the task, so that the transaction is aborted and the
 * inputs processed again — this time failing only that execution.
 */
public final class ExecutorProductionErrors implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorProductionErrors.class);

    private PoisonRecords poison = new PoisonRecords();

    @Override
    public void configure(Map<String, ?> configs) {
        Object application = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (application != null) {
            poison = PoisonRecords.of(application.toString());
        }
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        return note(record.topic(), record.key(), exception);
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                          ProducerRecord record, Exception exception,
                                                                          SerializationExceptionOrigin origin) {
        Object key = record.key();
        return note(record.topic(), key instanceof String k ? k.getBytes(StandardCharsets.UTF_8)
            : key instanceof byte[] b ? b : null, exception);
    }

    private ProductionExceptionHandlerResponse note(String topic, byte[] key, Exception exception) {
        String reason = exception.getClass().getSimpleName() + " writing to " + topic + ": " + exception.getMessage();
        String execution = key == null ? null : Keys.executionId(new String(key, StandardCharsets.UTF_8));
        if (execution != null && !execution.isBlank()) {
            poison.refused(execution, reason);
            LOG.error("a record of execution {} was refused ({}); the execution is failed when its events are "
                + "processed again", execution, reason);
        } else {
            LOG.error("a record for {} was refused ({})", topic, reason);
        }
        return ProductionExceptionHandlerResponse.FAIL;
    }
}
