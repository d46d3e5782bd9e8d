package io.millrace.faults;

import io.millrace.kafka.KafkaClients;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the schedulers sent: every {@code CreateExecution} with a scheduled date on
 * {@code execution_commands}, read from the beginning with read_committed (as the executor reads
 * them), each with its record's timestamp — the wall-clock time of the scheduler's tick that sent it.
 */
final class FireLog implements AutoCloseable {

    /**
     * One fire: the execution a schedule asked for at {@code date}, sent at {@code sentAt}.
     *
     * @param flowId      the flow (all test flows share one namespace)
     * @param executionId the id derived from (flow, trigger, date): a fire repeated carries the same one
     */
    record Fire(String flowId, String executionId, Instant date, Instant sentAt) {

        /** How late the fire was sent after its date. */
        Duration lateness() {
            return Duration.between(date, sentAt);
        }
    }

    private final KafkaClients kafka;
    private final String clientId;
    private final Thread reader;
    private final List<Fire> fires = new ArrayList<>();
    private volatile boolean closed;
    private volatile RuntimeException failure;
    /** When the reader last found itself at the end of every partition. */
    private volatile Instant caughtUpAt = Instant.EPOCH;

    FireLog(KafkaClients kafka, String clientId) {
        this.kafka = kafka;
        this.clientId = clientId;
        reader = Thread.ofPlatform().name(clientId).daemon().start(this::read);
    }

    /** Every fire read so far, in the order read. */
    List<Fire> fires() {
        check();
        synchronized (fires) {
            return List.copyOf(fires);
        }
    }

    /** Waits until the reader has read everything committed on {@code execution_commands} up to now. */
    void awaitCaughtUp() {
        Instant asked = Instant.now();
        Awaitility.await("the fires to be read").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
            .until(() -> {
                check();
                return caughtUpAt.isAfter(asked);
            });
    }

    private void check() {
        RuntimeException e = failure;
        if (e != null) {
            throw new IllegalStateException("the reader of execution_commands failed: " + e.getMessage(), e);
        }
    }

    private void read() {
        VersionedJsonSerde<ExecutionCommand> serde = VersionedJsonSerde.of(Topic.EXECUTION_COMMANDS);
        String topic = kafka.topic(Topic.EXECUTION_COMMANDS);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null, clientId),
            new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed) {
                Instant polled = Instant.now();
                var records = consumer.poll(Duration.ofMillis(100));
                List<Fire> read = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.value() != null && serde.deserialize(topic, r.value()) instanceof CreateExecution c
                        && c.trigger() != null && c.trigger().variables().get("date") instanceof String date) {
                        read.add(new Fire(c.flowId(), c.executionId(), OffsetDateTime.parse(date).toInstant(),
                            Instant.ofEpochMilli(r.timestamp())));
                    }
                }
                synchronized (fires) {
                    fires.addAll(read);
                }
                if (records.isEmpty()) {
                    // read_committed: the end offsets are the last stable offsets, what this reader can reach
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    if (partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                        caughtUpAt = polled;
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
