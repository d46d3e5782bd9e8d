package io.millrace.worker.kafka;

import io.millrace.model.worker.KillTaskRun;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kills are read by every worker from the end of every partition. */
class KillListenerTest {

    private static final String TOPIC = "millrace_execution_killed";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final VersionedJsonSerde<KillTaskRun> KILLS = VersionedJsonSerde.of(Topic.EXECUTION_KILLED);

    private final MockClients clients = new MockClients();
    private final List<KillTaskRun> received = new CopyOnWriteArrayList<>();
    private final KillListener listener = new KillListener(clients, received::add);

    @AfterEach
    void close() {
        listener.close();
    }

    @Test
    void readsEveryPartitionFromItsEndAtStart() {
        Node node = new Node(0, "localhost", 9092);
        clients.kills.updatePartitions(TOPIC, List.of(
            new PartitionInfo(TOPIC, 0, node, new Node[]{node}, new Node[]{node}),
            new PartitionInfo(TOPIC, 1, node, new Node[]{node}, new Node[]{node})));
        clients.kills.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        clients.kills.updateEndOffsets(Map.of(P0, 3L, P1, 1L));

        listener.start();

        assertThat(clients.kills.assignment()).containsExactlyInAnyOrder(P0, P1);
        assertThat(clients.kills.position(P0)).isEqualTo(3L);
        assertThat(clients.kills.position(P1)).isEqualTo(1L);

        KillTaskRun kill = new KillTaskRun("e1", "tr1", 2);
        clients.kills.schedulePollTask(() -> clients.kills.addRecord(
            new ConsumerRecord<>(TOPIC, 1, 1L, "e1", KILLS.serialize(TOPIC, kill))));
        await().until(() -> !received.isEmpty());
        assertThat(received).containsExactly(kill);
    }
}
