package io.millrace.executor.kafka;

import io.millrace.topics.Keys;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The executor's production error handler: when the broker refuses a record for what it is (too large for
 * a topic whose limit was lowered, a record the broker finds invalid), it notes the execution the record
 * belongs to (from its key) in {@link PoisonRecords} and fails the task, so that the transaction is aborted
 * and the inputs processed again — this time failing only that execution.
 *
 * <p>Only the record the broker refused is blamed. Once a transactional send fails, the producer fails
 * every record still waiting in the same transaction with that same exception; those records did nothing
 * wrong, and their executions must not be failed — so an exception already seen is a follow-up, and so is
 * any failure that says nothing about the record itself (a retriable error asks for the inputs to be
 * processed again; anything else aborts the transaction without blaming anyone).
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
        if (!poison.firstSight(exception)) {
            LOG.debug("a record for {} was not written: the transaction failed on an earlier record", record.topic());
            return ProductionExceptionHandlerResponse.FAIL;
        }
        if (exception instanceof RetriableException) {
            LOG.warn("a record for {} was not written ({}); its inputs are processed again", record.topic(),
                exception.toString());
            return ProductionExceptionHandlerResponse.RETRY;
        }
        if (!refusedForItself(exception)) {
            LOG.error("a record for {} was not written ({}); the transaction is aborted and its inputs processed again",
                record.topic(), exception.toString());
            return ProductionExceptionHandlerResponse.FAIL;
        }
        return blame(record.topic(), record.key(), exception);
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                          ProducerRecord record, Exception exception,
                                                                          SerializationExceptionOrigin origin) {
        Object key = record.key();
        return blame(record.topic(), key instanceof String k ? k.getBytes(StandardCharsets.UTF_8)
            : key instanceof byte[] b ? b : null, exception);
    }

    /** Whether the broker refused the record because of the record itself (any other record would have passed). */
    static boolean refusedForItself(Exception exception) {
        return exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
            || exception instanceof InvalidRecordException;
    }

    private ProductionExceptionHandlerResponse blame(String topic, byte[] key, Exception exception) {
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
