package io.millrace.tasks.kafka;

import io.millrace.model.trigger.TriggerFailure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One evaluation's read of Kafka topics in a consumer group, without joining the group: the consumer is
 * assigned every partition of the topics and starts at the group's committed offsets (or at
 * {@code auto.offset.reset}, {@code earliest} unless the trigger's properties say otherwise). It reads until a
 * limit is reached or a poll brings nothing, and commits the offsets after the records it took only when
 * asked ({@link #commit}), once the worker's answer is stored: a worker that dies before leaves them to be read
 * again (at least once).
 */
public final class KafkaPoll implements AutoCloseable {

    /** The most records one poll returns unless the trigger's properties say otherwise. */
    static final int MAX_POLL_RECORDS = 500;

    /**
     * How much one evaluation reads.
     *
     * @param maxRecords        the most records (null: no limit)
     * @param maxDuration       the longest time spent reading
     * @param pollDuration      how long one poll waits for records
     * @param endAtFirstRecords end as soon as a poll brought records
     * @param maxBytes          the most bytes of keys, values and headers (at least one record is always taken)
     */
    public record Limits(Integer maxRecords, Duration maxDuration, Duration pollDuration, boolean endAtFirstRecords,
                         long maxBytes) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();

    private KafkaPoll(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * A consumer of {@code group} on the cluster {@code properties} describe, assigned every partition of
     * {@code topics}, or of the topics whose name matches {@code pattern}.
     */
    static KafkaPoll open(Map<String, Object> properties, String group, String clientId, List<String> topics,
                          Pattern pattern) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        properties.forEach((k, v) -> p.put(k, v == null ? null : String.valueOf(v)));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // offsets are committed once the answer is stored, never behind the worker's back
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new TriggerFailure("cannot create a Kafka consumer from the trigger's properties: " + reason(e));
        }
        KafkaPoll poll = new KafkaPoll(consumer);
        try {
            List<TopicPartition> partitions = pattern == null ? partitionsOf(consumer, topics)
                : partitionsMatching(consumer, pattern);
            consumer.assign(partitions);
            return poll;
        } catch (RuntimeException e) {
            poll.close();
            throw e;
        }
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new TriggerFailure("topic '" + topic + "' does not exist on the Kafka cluster");
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        return partitions;
    }

    private static List<TopicPartition> partitionsMatching(KafkaConsumer<byte[], byte[]> consumer, Pattern pattern) {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.listTopics().forEach((topic, infos) -> {
            if (pattern.matcher(topic).matches()) {
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
        });
        return partitions;
    }

    /** Reads records within {@code limits}, in offset order within each partition. */
    List<ConsumerRecord<byte[], byte[]>> read(Limits limits) {
        List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>();
        if (consumer.assignment().isEmpty()) {
            return taken;
        }
        long deadline = System.nanoTime() + limits.maxDuration().toNanos();
        // what the topics held when the read began: an empty poll before reaching it only means the fetch
        // is slow (a new consumer, a loaded broker), not that nothing is there
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(),
            Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        long bytes = 0;
        boolean full = false;
        while (!full) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(
                Duration.ofNanos(Math.min(left, limits.pollDuration().toNanos())));
            if (records.isEmpty()) {
                if (caughtUp(ends)) {
                    break;
                }
                continue;
            }
            // records come partition after partition: stopping in the middle still takes a prefix of each
            for (ConsumerRecord<byte[], byte[]> r : records) {
                long size = size(r);
                if ((limits.maxRecords() != null && taken.size() >= limits.maxRecords())
                    || (!taken.isEmpty() && bytes + size > limits.maxBytes())) {
                    full = true;
                    break;
                }
                taken.add(r);
                bytes += size;
                next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            if (limits.endAtFirstRecords() && !taken.isEmpty()) {
                break;
            }
        }
        return taken;
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Commits the group's offsets after the records read; nothing to do when none were. */
    void commit() {
        if (!next.isEmpty()) {
            consumer.commitSync(next);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private static long size(ConsumerRecord<byte[], byte[]> r) {
        long size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    private static String reason(KafkaException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? e.getMessage() : t.getMessage();
    }
}
