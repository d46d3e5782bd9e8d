package io.millrace.cli.bench;

import io.millrace.kafka.KafkaClients;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What a scheduler under test sends, read as the executor would (read committed): every Create command on
 * {@code execution_commands} with its scheduled date, and the trigger states on {@code triggers}, to tell
 * when the scheduler holds every trigger.
 */
final class FireLog implements AutoCloseable {

    /**
     * One fire.
     *
     * @param flowId     the flow it starts
     * @param dateMillis its scheduled date (the trigger variable {@code date})
     * @param sentMillis the record's timestamp: when the scheduler's tick sent it
     * @param readMillis when this reader got it, after the scheduler's transaction committed
     */
    record Fire(String flowId, long dateMillis, long sentMillis, long readMillis) {
    }

    private static final VersionedJsonSerde<ExecutionCommand> COMMANDS = VersionedJsonSerde.of(Topic.EXECUTION_COMMANDS);

    private final KafkaClients kafka;
    private final int triggers;
    private final List<Fire> fires = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile long loadedMillis = -1;
    private volatile RuntimeException failure;

    /** Starts reading both topics from their beginning; {@code triggers} states mean every trigger is held. */
    FireLog(KafkaClients kafka, int triggers) {
        this.kafka = kafka;
        this.triggers = triggers;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        reader = Thread.ofPlatform().name("millrace-bench-fires").daemon().start(() -> read(ready));
        ready.join();
    }

    /**
     * When the scheduler held every trigger (the latest timestamp of the triggers' first states: when it
     * processed the last flow), waiting for it up to {@code timeout}.
     */
    long awaitLoaded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (loadedMillis < 0) {
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the scheduler did not hold all " + triggers + " triggers within "
                    + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        return loadedMillis;
    }

    /** The fires read so far. */
    List<Fire> fires() {
        if (failure != null) {
            throw failure;
        }
        synchronized (fires) {
            return new ArrayList<>(fires);
        }
    }

    private void read(CompletableFuture<Void> ready) {
        Map<String, Object> props = kafka.consumer(null, "millrace-bench-fires");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        String commandsTopic = kafka.topic(Topic.EXECUTION_COMMANDS);
        Set<String> held = new HashSet<>();
        long latestNew = 0; // partitions are read in no particular order: the last state is the latest one
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : List.of(Topic.EXECUTION_COMMANDS, Topic.TRIGGERS)) {
                for (PartitionInfo p : consumer.partitionsFor(kafka.topic(topic))) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            ready.complete(null);
            while (!closed) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                List<Fire> read = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.topic().equals(commandsTopic)) {
                        if (r.value() != null && COMMANDS.deserialize(r.topic(), r.value()) instanceof CreateExecution c
                            && c.trigger() != null && c.trigger().variables().get("date") instanceof String date) {
                            read.add(new Fire(c.flowId(), OffsetDateTime.parse(date).toInstant().toEpochMilli(),
                                r.timestamp(), now));
                        }
                    } else if (r.value() == null) {
                        held.remove(r.key());
                    } else if (held.add(r.key())) {
                        latestNew = Math.max(latestNew, r.timestamp());
                        if (held.size() == triggers && loadedMillis < 0) {
                            loadedMillis = latestNew;
                        }
                    }
                }
                synchronized (fires) {
                    fires.addAll(read);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            ready.completeExceptionally(e);
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
