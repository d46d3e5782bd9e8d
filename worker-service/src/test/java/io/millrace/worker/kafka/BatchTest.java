package io.millrace.worker.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Which records of a poll a worker takes, what it commits and what it hands back. */
class BatchTest {

    private static final String TOPIC = "millrace_worker_tasks";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @Test
    void takesNoMoreRecordsThanFreeSlotsTurnByTurnAcrossPartitions() {
        ConsumerRecords<String, byte[]> polled = records(Map.of(P0, List.of(10L, 11L, 12L), P1, List.of(20L, 21L)));

        Batch batch = Batch.take(polled, 3);

        assertThat(batch.taken()).extracting(r -> r.partition() + ":" + r.offset())
            .containsExactlyInAnyOrder("0:10", "1:20", "0:11");
        assertThat(batch.rewind()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 12L, P1, 21L));
    }

    @Test
    void commitsAfterTheLastRecordTakenOfEachPartitionAndStartsOverFromTheFirst() {
        Batch batch = Batch.take(records(Map.of(P0, List.of(10L, 11L, 12L), P1, List.of(20L))), 4);

        assertThat(batch.offsets()).containsOnlyKeys(P0, P1);
        assertThat(batch.offsets().get(P0).offset()).isEqualTo(13L);
        assertThat(batch.offsets().get(P1).offset()).isEqualTo(21L);
        assertThat(batch.start()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 10L, P1, 20L));
        assertThat(batch.rewind()).isEmpty();
    }

    @Test
    void withNoFreeSlotEverythingIsHandedBack() {
        Batch batch = Batch.take(records(Map.of(P0, List.of(5L, 6L), P1, List.of(7L))), 0);

        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.offsets()).isEmpty();
        assertThat(batch.rewind()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 5L, P1, 7L));
    }

    @Test
    void aPartitionLeftOutEntirelyIsRewoundToItsFirstRecord() {
        Batch batch = Batch.take(records(Map.of(P0, List.of(1L), P1, List.of(2L))), 1);

        assertThat(batch.taken()).hasSize(1);
        TopicPartition left = batch.taken().getFirst().partition() == 0 ? P1 : P0;
        assertThat(batch.rewind()).containsExactly(Map.entry(left, left == P0 ? 1L : 2L));
        Map<TopicPartition, OffsetAndMetadata> offsets = batch.offsets();
        assertThat(offsets).doesNotContainKey(left);
    }

    /** The records of a poll, partition 0 first (a poll returns its partitions in some order; fix one). */
    static ConsumerRecords<String, byte[]> records(Map<TopicPartition, List<Long>> offsets) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> map = new LinkedHashMap<>();
        Map<TopicPartition, List<Long>> sorted = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        sorted.putAll(offsets);
        sorted.forEach((tp, list) -> {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            for (long o : list) {
                records.add(new ConsumerRecord<>(tp.topic(), tp.partition(), o, "e/" + o, new byte[0]));
            }
            map.put(tp, records);
        });
        return new ConsumerRecords<>(map, Map.of());
    }
}
