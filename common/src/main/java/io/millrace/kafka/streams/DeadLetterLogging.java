package io.millrace.kafka.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The stream's last line of defence. The processors read bytes and dead-letter what they cannot
 * handle themselves, in the stream's transaction; anything that still escapes them (a bug) is logged
 * here with where it came from, and the stream goes on rather than stopping every trigger.
 */
public final class DeadLetterLogging implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLogging.class);

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        LOG.error("unreadable record skipped: topic {} partition {} offset {}: {}", context.topic(),
            context.partition(), context.offset(), exception.getMessage(), exception);
        return DeserializationHandlerResponse.CONTINUE;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error("record skipped after a processing failure in {}: topic {} partition {} offset {} key {}: {}",
            context.processorNodeId(), context.topic(), context.partition(), context.offset(), record.key(),
            exception.getMessage(), exception);
        return ProcessingHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
