package io.millrace.worker.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records of one poll that a worker takes: no more than its free slots, one partition after the
 * other in turn so that no partition waits behind another, and always a prefix of each partition's
 * records, so that committing "up to the last taken" loses nothing. The records it leaves are handed
 * back by rewinding their partitions ({@link #rewind}); they come again in a later poll, here or on the
 * worker that gets the partition.
 *
 * @param taken  the records to run, in the order taken
 * @param rewind for each partition with records left, the offset of the first one left
 */
record Batch(List<ConsumerRecord<String, byte[]>> taken, Map<TopicPartition, Long> rewind) {

    /** Takes at most {@code free} of {@code records}. */
    static Batch take(ConsumerRecords<String, byte[]> records, int free) {
        List<Deque<ConsumerRecord<String, byte[]>>> queues = new ArrayList<>();
        for (TopicPartition tp : records.partitions()) {
            queues.add(new ArrayDeque<>(records.records(tp)));
        }
        List<ConsumerRecord<String, byte[]>> taken = new ArrayList<>();
        while (taken.size() < free && !queues.isEmpty()) {
            Iterator<Deque<ConsumerRecord<String, byte[]>>> it = queues.iterator();
            while (it.hasNext() && taken.size() < free) {
                Deque<ConsumerRecord<String, byte[]>> q = it.next();
                taken.add(q.removeFirst());
                if (q.isEmpty()) {
                    it.remove();
                }
            }
        }
        Map<TopicPartition, Long> rewind = new LinkedHashMap<>();
        for (Deque<ConsumerRecord<String, byte[]>> q : queues) {
            ConsumerRecord<String, byte[]> first = q.peekFirst();
            rewind.put(new TopicPartition(first.topic(), first.partition()), first.offset());
        }
        return new Batch(List.copyOf(taken), Map.copyOf(rewind));
    }

    /** The offsets to commit with the batch: after the last record taken of each partition. */
    Map<TopicPartition, OffsetAndMetadata> offsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : taken) {
            offsets.put(new TopicPartition(r.topic(), r.partition()),
                new OffsetAndMetadata(r.offset() + 1, r.leaderEpoch(), ""));
        }
        return offsets;
    }

    /** Where each partition of the batch started: where to go back to when the batch is not committed. */
    Map<TopicPartition, Long> start() {
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : taken) {
            start.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        return start;
    }

    boolean isEmpty() {
        return taken.isEmpty();
    }

    /** Hands records a poll returned back to the topic: the consumer reads them again at its next poll. */
    static void handBack(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        if (!records.isEmpty()) {
            take(records, 0).rewind().forEach(consumer::seek);
        }
    }

    /** Moves the partitions still assigned back to where a batch started. */
    static void rewind(Consumer<?, ?> consumer, Map<TopicPartition, Long> start) {
        Set<TopicPartition> assigned = consumer.assignment();
        start.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }
}
