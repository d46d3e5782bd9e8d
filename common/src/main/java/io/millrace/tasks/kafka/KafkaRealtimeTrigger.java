package io.millrace.tasks.kafka;

import io.millrace.model.trigger.PollResult;
import io.millrace.model.trigger.TriggerContext;
import io.millrace.plugin.Plugin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts one execution per Kafka record, with the record as {@code trigger.key}, {@code trigger.value},
 * {@code trigger.topic}, {@code trigger.partition}, {@code trigger.offset}, {@code trigger.timestamp} and
 * {@code trigger.headers}. It runs as short repeated evaluations: each waits up to {@code pollDuration} for
 * records and ends as soon as some arrive; the scheduler sends the next evaluation at once after one that
 * fired, and after {@code interval} otherwise.
 */
@Plugin(id = "io.millrace.kafka.RealtimeTrigger",
    aliases = {"io.kestra.plugin.kafka.RealtimeTrigger"},
    title = "Start one execution per Kafka record, as records arrive.",
    example = """
        id: each-order
        type: io.millrace.kafka.RealtimeTrigger
        properties:
          bootstrap.servers: localhost:9092
        topic: orders
        groupId: millrace-each-order
        valueDeserializer: JSON
        """)
public final class KafkaRealtimeTrigger extends KafkaPollingTrigger {

    /** The pause after an evaluation that found nothing, when the flow sets no interval. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** How long an evaluation listens for records: a long poll, so that a record is seen as soon as it arrives. */
    static final Duration DEFAULT_POLL_DURATION = Duration.ofSeconds(5);
    static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(10);
    /** Records one evaluation takes when the flow sets no maxRecords. */
    static final int DEFAULT_MAX_RECORDS = 100;
    /**
     * Bytes of keys, values and headers one evaluation takes at most (one record at least): the answer carries
     * them all and must stay under Kafka's default request size of 1 MiB.
     */
    static final long MAX_BYTES = 512 * 1024;

    @Override
    protected Duration defaultInterval() {
        return DEFAULT_INTERVAL;
    }

    @Override
    protected Duration defaultMaxDuration() {
        return DEFAULT_MAX_DURATION;
    }

    @Override
    protected Duration defaultPollDuration() {
        return DEFAULT_POLL_DURATION;
    }

    @Override
    public Integer maxRecords() {
        return maxRecords == null ? DEFAULT_MAX_RECORDS : maxRecords;
    }

    @Override
    public PollResult evaluate(TriggerContext context) throws Exception {
        KafkaPoll poll = open(context);
        try {
            List<ConsumerRecord<byte[], byte[]>> records = poll.read(limits(true, MAX_BYTES));
            if (records.isEmpty()) {
                poll.close();
                return PollResult.none();
            }
            List<Map<String, Object>> fires = new ArrayList<>(records.size());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                fires.add(KafkaMessages.of(r, keyDeserializer(), valueDeserializer()));
            }
            return PollResult.of(fires, poll::commit, poll);
        } catch (Exception | Error e) {
            poll.close();
            throw e;
        }
    }
}
