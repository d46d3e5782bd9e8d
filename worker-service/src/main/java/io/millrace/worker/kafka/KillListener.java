package io.millrace.worker.kafka;

import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code execution_killed} on every worker, without a group: every partition, from its end at
 * start (kills sent before the worker started concern attempts it never took). Each
 * {@link KillTaskRun} goes to the task runner, which interrupts the attempt if it runs here, or
 * remembers it in case the attempt arrives later. Partitions added to the topic later are read from
 * their beginning, since everything in them is newer than the worker. It also reads the verdicts of the
 * dead-worker detector on {@code dead_workers} (its first partition: each verdict goes to every
 * partition), so that a worker declared dead learns it.
 */
public final class KillListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KillListener.class);
    private static final VersionedJsonSerde<KillTaskRun> KILLS = VersionedJsonSerde.of(Topic.EXECUTION_KILLED);
    private static final VersionedJsonSerde<DeadWorker> VERDICTS = VersionedJsonSerde.of(Topic.DEAD_WORKERS);

    static final Duration POLL = Duration.ofMillis(500);
    /** How often the topic's partitions are listed again. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final java.util.function.Consumer<KillTaskRun> kills;
    private final String verdictsTopic;
    private final java.util.function.Consumer<DeadWorker> verdicts;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final ConsumerLoop loop;
    private boolean started;
    private long refreshedAt;

    public KillListener(WorkerClients clients, java.util.function.Consumer<KillTaskRun> kills) {
        this(clients, kills, verdict -> { });
    }

    /** A listener that also passes every dead-worker verdict to {@code verdicts}. */
    public KillListener(WorkerClients clients, java.util.function.Consumer<KillTaskRun> kills,
                        java.util.function.Consumer<DeadWorker> verdicts) {
        this.consumer = clients.killConsumer();
        this.topic = clients.topic(Topic.EXECUTION_KILLED);
        this.kills = kills;
        this.verdictsTopic = clients.topic(Topic.DEAD_WORKERS);
        this.verdicts = verdicts;
        this.loop = new ConsumerLoop("millrace-worker-kills", "the kill reader of " + topic, consumer, this::turn,
            this::closeConsumer);
    }

    /**
     * Positions the consumer at the end of every partition, then starts reading on a thread of its own:
     * every kill sent after this returns reaches the worker.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves "the end" now, not at the first poll
        assigned.addAll(partitions);
        refreshedAt = System.nanoTime();
        if (partitions.isEmpty()) {
            LOG.warn("topic {} has no partitions yet; kills are read once it has", topic);
        }
        loop.start(true);
    }

    private void turn() throws InterruptedException {
        refreshPartitions();
        if (assigned.isEmpty()) {
            loop.idle(POLL); // a consumer without partitions cannot poll
            return;
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
            apply(r);
        }
    }

    private void closeConsumer() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the kill consumer: {}", e.toString());
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.topic().equals(verdictsTopic)) {
            read(VERDICTS, r, "verdict").ifPresent(verdicts);
            return;
        }
        read(KILLS, r, "kill").ifPresent(kill -> {
            LOG.debug("kill of attempt {} of task run {} (execution {})", kill.attempt(), kill.taskRunId(),
                kill.executionId());
            kills.accept(kill);
        });
    }

    /** The record's value, or empty for a tombstone or a record that is not a {@code what} (logged and skipped). */
    private static <T> java.util.Optional<T> read(VersionedJsonSerde<T> serde, ConsumerRecord<String, byte[]> r,
                                                  String what) {
        try {
            return java.util.Optional.ofNullable(serde.deserialize(r.topic(), r.value()));
        } catch (SerializationException e) {
            LOG.warn("record {} of {}-{} is not a {}, skipped: {}", r.offset(), r.topic(), r.partition(), what,
                e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private void refreshPartitions() {
        if (System.nanoTime() - refreshedAt < REFRESH.toNanos()) {
            return;
        }
        refreshedAt = System.nanoTime();
        List<TopicPartition> added = new ArrayList<>();
        for (TopicPartition tp : partitions()) {
            if (!assigned.contains(tp)) {
                added.add(tp);
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(List.copyOf(assigned));
            consumer.seekToBeginning(added);
            LOG.info("reading kills from {} new partitions of {}", added.size(), topic);
        }
    }

    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos != null) {
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        List<PartitionInfo> verdictInfos = consumer.partitionsFor(verdictsTopic);
        if (verdictInfos != null && !verdictInfos.isEmpty()) {
            partitions.add(new TopicPartition(verdictsTopic, 0));
        }
        return partitions;
    }

    /** Stops reading and closes the consumer. */
    @Override
    public void close() {
        loop.close();
    }
}
