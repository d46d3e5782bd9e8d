package io.millrace.scheduler.kafka;

import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.trigger.command.NoteExecutionEnd;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code executions} (keyed by execution) for the end of executions that a trigger started and
 * sends each end on {@code trigger_commands}, keyed by flow, to the task that owns the flow's triggers
 * (where {@code stopAfter} is applied). Headers it cannot read are skipped: they are the executor's, and
 * its own dead letters report them.
 */
final class EndWatcher implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(EndWatcher.class);

    private final VersionedJsonSerde<ExecutionHeader> headers = VersionedJsonSerde.of(Topic.EXECUTIONS);
    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        ExecutionHeader h;
        try {
            h = headers.deserialize(null, record.value());
        } catch (RuntimeException e) {
            LOG.debug("execution header {} unreadable: skipped", record.key(), e);
            return;
        }
        if (h == null || h.trigger() == null || !h.status().isTerminal()) {
            return;
        }
        NoteExecutionEnd end = new NoteExecutionEnd(h.namespace(), h.flowId(), h.trigger().id(), h.id(), h.status());
        context.forward(new Record<>(end.key(), (Object) end, record.timestamp()), SchedulerStores.TRIGGER_COMMANDS_SINK);
    }
}
