package io.millrace.worker.kafka;

import io.millrace.kafka.KafkaClients;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.ExecutionIdPartitioner;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

/**
 * The Kafka clients of one worker, built from the shared {@link KafkaClients} configuration. Values
 * travel as bytes: the worker reads and writes them with {@code VersionedJsonSerde} itself, so that
 * a record it cannot read is a dead letter rather than a consumer that cannot get past it. Tests
 * replace it with Kafka's mock clients.
 */
public interface WorkerClients {

    /** The worker's consumer group on {@code worker_tasks}. */
    String GROUP = "worker";

    /** The worker's consumer group on {@code trigger_evaluations}. */
    String TRIGGER_GROUP = "worker-triggers";

    /** The full name of {@code topic}. */
    String topic(Topic topic);

    /** The full name of the worker group. */
    String group();

    /** A consumer of the worker group that returns at most {@code maxRecords} records per poll. */
    Consumer<String, byte[]> taskConsumer(int maxRecords);

    /** A consumer without a group, for {@code execution_killed}. */
    Consumer<String, byte[]> killConsumer();

    /** The producer of the batch transactions (running records and offsets), one per worker. */
    Producer<String, byte[]> transactionalProducer();

    /** The idempotent producer of logs, metrics, results and worker instances. */
    Producer<String, byte[]> eventProducer();

    /** The full name of the group that takes trigger evaluations. */
    default String triggerGroup() {
        return group() + "-triggers";
    }

    /** A consumer of the trigger group on {@code trigger_evaluations}, returning at most {@code maxRecords} a poll. */
    Consumer<String, byte[]> triggerConsumer(int maxRecords);

    /**
     * The idempotent producer of answers to trigger evaluations, partitioning keys ({@code namespace/flowId}) as
     * Kafka does by default, like the scheduler's flows.
     */
    Producer<String, byte[]> answerProducer();

    /** The size in bytes a dead letter must fit in to be accepted by the producers. */
    default int deadLetterBudget() {
        return DeadLetter.DEFAULT_BUDGET;
    }

    /** The clients of worker {@code workerId} from {@code clients}. */
    static WorkerClients of(KafkaClients clients, String workerId) {
        return new Real(clients, workerId);
    }

    /** Real Kafka clients. */
    record Real(KafkaClients clients, String workerId) implements WorkerClients {

        @Override
        public String topic(Topic topic) {
            return clients.topic(topic);
        }

        @Override
        public String group() {
            return clients.group(GROUP);
        }

        @Override
        public Consumer<String, byte[]> taskConsumer(int maxRecords) {
            Map<String, Object> p = consumer(group(), "tasks");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
            return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public String triggerGroup() {
            return clients.group(TRIGGER_GROUP);
        }

        @Override
        public Consumer<String, byte[]> triggerConsumer(int maxRecords) {
            Map<String, Object> p = consumer(triggerGroup(), "triggers");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
            return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public Producer<String, byte[]> answerProducer() {
            // Kafka's default partitioner: the answers meet the flow's partition, not an execution's
            Map<String, Object> p = clients.producer(clientId("answers"));
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public Consumer<String, byte[]> killConsumer() {
            return new KafkaConsumer<>(consumer(null, "kills"), new StringDeserializer(), new ByteArrayDeserializer());
        }

        @Override
        public Producer<String, byte[]> transactionalProducer() {
            Map<String, Object> p = producer("transactions");
            // one transactional id per worker: a restarted worker with the same id fences its former self
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, clients.group(GROUP + "-" + workerId));
            // a batch transaction lasts milliseconds; one a dead worker left open blocks, until it times out, the
            // offsets of its partitions for the worker that takes them over (Kafka's default: 60 s)
            p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000");
            return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public int deadLetterBudget() {
            return clients.deadLetterBudget();
        }

        @Override
        public Producer<String, byte[]> eventProducer() {
            Map<String, Object> p = producer("events");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }

        private Map<String, Object> consumer(String group, String role) {
            Map<String, Object> p = clients.consumer(group, clientId(role));
            // topics are created with their settings at start, never by a consumer's metadata request
            p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            return p;
        }

        private Map<String, Object> producer(String role) {
            Map<String, Object> p = clients.producer(clientId(role));
            // keys are executionId or executionId/…: every record of an execution meets on one partition
            p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ExecutionIdPartitioner.class.getName());
            return p;
        }

        private String clientId(String role) {
            return clients.group(GROUP) + "-" + workerId + "-" + role;
        }
    }
}
