package io.millrace.topics;

import io.millrace.kafka.KafkaClients;
import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.serde.FlowParser;
import io.millrace.util.Ids;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys flows and sends execution commands straight to an installation's topics, as the api
 * does: a flow revision goes to {@code flow_revisions} and {@code flows} on the partition of its whole key
 * (as the api's producer puts it, and as the scheduler expects it), a command to {@code execution_commands}
 * on its execution's partition. For tests that drive real services.
 */
public final class CommandSender implements AutoCloseable {

    /**
     * Topics keyed by flow, which the api writes with Kafka's default partitioning of the whole key; the
     * execution-id partitioner would put every flow of a namespace on one partition (its key's first part).
     */
    private static final Set<Topic> BY_WHOLE_KEY = EnumSet.of(Topic.FLOWS, Topic.FLOW_REVISIONS);

    private final KafkaClients kafka;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Integer> revisions = new ConcurrentHashMap<>();

    public CommandSender(KafkaClients kafka, String clientId) {
        this.kafka = kafka;
        Map<String, Object> props = kafka.producer(clientId);
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ExecutionIdPartitioner.class.getName());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes the next revision of the flow {@code yaml} defines (sent at once); returns it with its revision. */
    public Flow deploy(String yaml) {
        Flow flow = new FlowParser().parse(yaml);
        int revision = revisions.merge(flow.namespace() + "/" + flow.id(), 1, Integer::sum);
        FlowRecord record = new FlowRecord(flow.namespace(), flow.id(), revision, yaml, false, Instant.now());
        send(Topic.FLOW_REVISIONS, record.key() + "/" + revision, record);
        send(Topic.FLOWS, record.key(), record);
        producer.flush();
        return flow.withRevision(revision);
    }

    /**
     * Sends the creation of an execution of the revision last deployed and returns its id; the
     * command may wait in the producer's buffer until {@link #flush}.
     */
    public String start(String namespace, String flowId, Map<String, Object> inputs) {
        Integer revision = revisions.get(namespace + "/" + flowId);
        if (revision == null) {
            throw new IllegalStateException("the flow " + namespace + "/" + flowId + " was not deployed by this sender");
        }
        String id = Ids.random();
        send(new CreateExecution(id, namespace, flowId, revision, inputs, List.of(), null, null, null, null, 1));
        return id;
    }

    /** Sends a command; it may wait in the producer's buffer until {@link #flush}. */
    public void send(ExecutionCommand command) {
        send(Topic.EXECUTION_COMMANDS, command.executionId(), command);
    }

    /** Waits until every command sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    /** The partition of {@code flows} (or {@code flow_revisions}) holding {@code key}: Kafka's default for a keyed record. */
    public static int flowPartition(String key, int partitions) {
        return WholeKeyPartitions.of(key, partitions);
    }

    private void send(Topic topic, String key, Object value) {
        String name = kafka.topic(topic);
        Integer partition = BY_WHOLE_KEY.contains(topic) ? flowPartition(key, producer.partitionsFor(name).size()) : null;
        producer.send(new ProducerRecord<>(name, partition, key, VersionedJsonSerde.of(topic).serialize(topic.baseName(), value)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
