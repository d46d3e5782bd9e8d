package io.millrace.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.kafka.TopicCreator;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.topics.ExecutionIdPartitioner;
import io.millrace.topics.Keys;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * One test's corner of the shared real broker: topics and groups under a prefix of their own,
 * created with {@link TopicCreator}; a producer playing the executor (tasks and kills); workers that
 * are closed with the fixture; and readers of the topics the workers write.
 */
public final class KafkaFixture implements AutoCloseable {

    /** Partitions of every topic of a test: enough to share between two workers, few to create. */
    public static final int PARTITIONS = 4;

    private final KafkaSettings settings;
    private final KafkaClients clients;
    private final KafkaProducer<String, byte[]> producer;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public KafkaFixture(String bootstrapServers) {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "_";
        this.settings = new KafkaSettings(
            new KafkaSettings.Client(Map.of("bootstrap.servers", bootstrapServers), List.of()),
            new KafkaSettings.Defaults(prefix, prefix, new KafkaSettings.TopicDefaults(PARTITIONS, (short) 1, Map.of()),
                // members learn of a rebalance at their next heartbeat: a short interval keeps tests short
                new KafkaSettings.ClientDefaults(Map.of("heartbeat.interval.ms", "300")),
                new KafkaSettings.ClientDefaults(Map.of()), new KafkaSettings.ClientDefaults(Map.of()), Map.of()),
            null);
        this.clients = new KafkaClients(settings);
        new TopicCreator(clients).createMissing();
        Map<String, Object> p = clients.producer("test-executor");
        p.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ExecutionIdPartitioner.class.getName());
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public KafkaSettings settings() {
        return settings;
    }

    public KafkaClients clients() {
        return clients;
    }

    /** The topic prefix of this test (also its consumer prefix). */
    public String prefix() {
        return settings.defaults().topicPrefix();
    }

    /** A started worker with {@code settings}, closed with the fixture unless the test closes it. */
    public Worker worker(WorkerSettings workerSettings, MeterRegistry registry) {
        Worker worker = new Worker(clients, workerSettings, registry);
        closeables.add(worker);
        worker.start();
        return worker;
    }

    /** Sends {@code task} to {@code worker_tasks} as the executor does. */
    public void send(WorkerTask task) {
        String topic = clients.topic(Topic.WORKER_TASKS);
        sendAndWait(new ProducerRecord<>(topic, Keys.taskRun(task.taskRun().executionId(), task.taskRun().id()),
            VersionedJsonSerde.of(Topic.WORKER_TASKS).serialize(topic, task)));
    }

    /** Sends {@code evaluation} to {@code trigger_evaluations} as the scheduler does, as if sent at {@code sentAt}. */
    public void send(io.millrace.model.trigger.TriggerEvaluation evaluation, java.time.Instant sentAt) {
        String topic = clients.topic(Topic.TRIGGER_EVALUATIONS);
        sendAndWait(new ProducerRecord<>(topic, null, sentAt.toEpochMilli(), evaluation.key(),
            VersionedJsonSerde.of(Topic.TRIGGER_EVALUATIONS).serialize(topic, evaluation)));
    }

    /** Sends a record of {@code worker_tasks} as it is, under {@code key}. */
    public void sendTaskRecord(String key, byte[] value) {
        sendAndWait(new ProducerRecord<>(clients.topic(Topic.WORKER_TASKS), key, value));
    }

    /** Sends {@code kill} to {@code execution_killed} as the executor does. */
    public void kill(KillTaskRun kill) {
        String topic = clients.topic(Topic.EXECUTION_KILLED);
        sendAndWait(new ProducerRecord<>(topic, kill.executionId(),
            VersionedJsonSerde.of(Topic.EXECUTION_KILLED).serialize(topic, kill)));
    }

    /** Sends a dead-worker verdict to the first partition of {@code dead_workers}, as the detector does (to all). */
    public void declareDead(io.millrace.model.worker.DeadWorker verdict) {
        String topic = clients.topic(Topic.DEAD_WORKERS);
        sendAndWait(new ProducerRecord<>(topic, 0, verdict.workerId(),
            VersionedJsonSerde.of(Topic.DEAD_WORKERS).serialize(topic, verdict)));
    }

    private void sendAndWait(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Starts a transactional producer with {@code transactionalId}, fencing the one that had it, and closes it. */
    public void fenceTransactionalId(String transactionalId) {
        Map<String, Object> p = clients.producer("test-fencer");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        try (KafkaProducer<String, byte[]> fencer = new KafkaProducer<>(p, new StringSerializer(),
            new ByteArraySerializer())) {
            fencer.initTransactions();
        }
    }

    /** A reader of {@code topic} from its beginning, seeing only committed records ({@code read_committed}). */
    public <T> TopicReader<T> reader(Topic topic) {
        TopicReader<T> reader = new TopicReader<>(clients, clients.topic(topic), VersionedJsonSerde.of(topic));
        closeables.add(reader);
        return reader;
    }

    /** The offsets the worker group has committed on {@code worker_tasks}, waiting for pending transactions. */
    public Map<TopicPartition, Long> committedTaskOffsets() {
        try (Admin admin = Admin.create(clients.admin())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                .listConsumerGroupOffsets(clients.group("worker"), new ListConsumerGroupOffsetsOptions().requireStable(true))
                .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    result.put(tp, o.offset());
                }
            });
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + c, e);
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** The records of one topic read so far; {@link #poll} reads what arrived since. */
    public static final class TopicReader<T> implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final VersionedJsonSerde<T> serde;
        private final String topic;
        private final List<ConsumerRecord<String, T>> records = new CopyOnWriteArrayList<>();

        TopicReader(KafkaClients clients, String topic, VersionedJsonSerde<T> serde) {
            this.topic = topic;
            this.serde = serde;
            this.consumer = new KafkaConsumer<>(clients.consumer(null, "test-reader-" + topic),
                new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads what arrived and returns every record so far (tombstones have a null value). */
        public synchronized List<ConsumerRecord<String, T>> poll() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                records.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(),
                    serde.deserialize(topic, r.value())));
            }
            return List.copyOf(records);
        }

        /** The values read so far that match, polling first. */
        public List<T> values(Predicate<T> filter) {
            return poll().stream().map(ConsumerRecord::value).filter(v -> v != null && filter.test(v)).toList();
        }

        /** Every value read so far, polling first. */
        public List<T> values() {
            return values(v -> true);
        }

        @Override
        public synchronized void close() {
            consumer.close();
        }
    }
}
