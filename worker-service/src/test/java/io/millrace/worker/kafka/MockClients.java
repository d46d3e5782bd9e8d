package io.millrace.worker.kafka;

import io.millrace.topics.ExecutionIdPartitioner;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A worker's clients as Kafka's mocks: what it consumes is added by hand, what it produces is kept. */
public final class MockClients implements WorkerClients {

    static final int PARTITIONS = 4;

    public final MockConsumer<String, byte[]> tasks = new MockConsumer<>("earliest");
    public final MockConsumer<String, byte[]> kills = new MockConsumer<>("latest");
    public final MockConsumer<String, byte[]> triggers = new MockConsumer<>("earliest");
    public final MockProducer<String, byte[]> answers = producer(true);
    public final MockProducer<String, byte[]> transactional;
    public final MockProducer<String, byte[]> events;
    /** The max.poll.records the task consumer was asked for. */
    public int maxPollRecords;

    /** Clients whose producers complete every send at once. */
    public MockClients() {
        this(true);
    }

    /** Clients whose event producer completes sends at once, or only when the test says so. */
    public MockClients(boolean autoCompleteEvents) {
        this.transactional = producer(true);
        this.events = producer(autoCompleteEvents);
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (Topic t : Topic.values()) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new PartitionInfo("millrace_" + t.baseName(), p, node, new Node[]{node},
                    new Node[]{node}));
            }
        }
        Cluster cluster = new Cluster("test", List.of(node), partitions, Set.of(), Set.of());
        return new MockProducer<>(cluster, autoComplete, new ExecutionIdPartitioner(), new StringSerializer(),
            new ByteArraySerializer());
    }

    @Override
    public String topic(Topic topic) {
        return "millrace_" + topic.baseName();
    }

    @Override
    public String group() {
        return "millrace_worker";
    }

    @Override
    public Consumer<String, byte[]> taskConsumer(int maxRecords) {
        maxPollRecords = maxRecords;
        tasks.setMaxPollRecords(maxRecords);
        return tasks;
    }

    @Override
    public Consumer<String, byte[]> triggerConsumer(int maxRecords) {
        triggers.setMaxPollRecords(maxRecords);
        return triggers;
    }

    @Override
    public Producer<String, byte[]> answerProducer() {
        return answers;
    }

    @Override
    public Consumer<String, byte[]> killConsumer() {
        return kills;
    }

    @Override
    public Producer<String, byte[]> transactionalProducer() {
        return transactional;
    }

    @Override
    public Producer<String, byte[]> eventProducer() {
        return events;
    }
}
