package io.millrace.api.executions;

import io.millrace.api.kafka.ReaderThreads;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.execution.LogEntry;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Log lines as they are written, read straight from the {@code logs} topic from its end: one thread
 * per api process hands each watched execution's lines to its watchers, in the order of the topic.
 * Watchers must be quick (an SSE send to a buffered response); only watched executions are kept.
 */
public final class LiveLogs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveLogs.class);
    private static final VersionedJsonSerde<LogEntry> LOGS = VersionedJsonSerde.of(Topic.LOGS);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, List<java.util.function.Consumer<LogEntry>>> watchers = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public LiveLogs(KafkaClients kafka) {
        this.topic = kafka.topic(Topic.LOGS);
        this.consumer = new KafkaConsumer<>(kafka.consumer(null, "millrace-api-live-logs"), new StringDeserializer(),
            new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().daemon().name("millrace-api-live-logs").unstarted(this::read);
    }

    /** Starts reading from the current end of {@code logs}. */
    public LiveLogs start() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread.start();
        return this;
    }

    /** Hands every new line of {@code executionId} to {@code listener} until the handle is closed. */
    public LiveExecutions.Watch watch(String executionId, java.util.function.Consumer<LogEntry> listener) {
        watchers.computeIfAbsent(executionId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> watchers.computeIfPresent(executionId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    List<java.util.function.Consumer<LogEntry>> list = r.key() == null ? null : watchers.get(r.key());
                    if (list == null || r.value() == null) {
                        continue;
                    }
                    try {
                        LogEntry line = LOGS.deserialize(r.topic(), r.value());
                        for (java.util.function.Consumer<LogEntry> l : list) {
                            try {
                                l.accept(line);
                            } catch (RuntimeException e) {
                                LOG.debug("a log watcher failed: {}", e.getMessage());
                            }
                        }
                    } catch (SerializationException e) {
                        LOG.warn("log record at {}-{}@{} cannot be read: {}", r.topic(), r.partition(), r.offset(),
                            e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("live logs stopped reading: {}", e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        ReaderThreads.stop(thread, consumer);
    }
}
