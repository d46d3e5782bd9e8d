package io.millrace.kafka.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterLoggingTest {

    private final DeadLetterLogging handler = new DeadLetterLogging();

    @Test
    void whatEscapesTheProcessorsIsSkippedSoTheStreamKeepsRunning() {
        ErrorHandlerContext context = new ErrorHandlerContext() {
            public String topic() { return "millrace_executions"; }
            public int partition() { return 3; }
            public long offset() { return 42; }
            public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "execution-ends"; }
            public TaskId taskId() { return new TaskId(0, 3); }
            public long timestamp() { return 0; }
            public byte[] sourceRawKey() { return null; }
            public byte[] sourceRawValue() { return null; }
        };

        assertThat(handler.handle(context, new ConsumerRecord<>("millrace_executions", 3, 42, new byte[0], new byte[0]),
            new IllegalStateException("boom"))).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(handler.handle(context, new Record<>("k", "v", 0L), new IllegalStateException("boom")))
            .isEqualTo(ProcessingHandlerResponse.CONTINUE);
    }
}
