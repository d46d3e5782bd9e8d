package io.millrace.api.executions;

import io.millrace.api.kafka.ReaderThreads;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.TaskRun;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executions as they change, read straight from Kafka: one thread per api process reads every
 * partition of {@code executions} and {@code taskruns} from the end (committed records only) and
 * hands each watched execution's new state to its watchers. Used to wait for an execution's end and
 * to follow it live. Only watched executions are kept, so memory follows the number of watchers.
 *
 * <p>Each watcher gets its updates on a virtual thread of its own, conflated: a slow watcher (a slow
 * HTTP client) skips intermediate states and gets the latest, and never holds up the reading thread.
 */
public final class LiveExecutions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveExecutions.class);
    private static final VersionedJsonSerde<ExecutionHeader> HEADERS = VersionedJsonSerde.of(Topic.EXECUTIONS);
    private static final VersionedJsonSerde<TaskRun> TASK_RUNS = VersionedJsonSerde.of(Topic.TASKRUNS);

    private final Consumer<String, byte[]> consumer;
    private final String executionsTopic;
    private final String taskRunsTopic;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread thread;
    private volatile boolean running = true;

    public LiveExecutions(KafkaClients kafka) {
        this.executionsTopic = kafka.topic(Topic.EXECUTIONS);
        this.taskRunsTopic = kafka.topic(Topic.TASKRUNS);
        this.consumer = new KafkaConsumer<>(kafka.consumer(null, "millrace-api-live"), new StringDeserializer(),
            new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().daemon().name("millrace-api-live").unstarted(this::read);
    }

    /** Starts reading from the current end of both topics. */
    public LiveExecutions start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String t : List.of(executionsTopic, taskRunsTopic)) {
            consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the end positions now: whatever is written after start() returns is seen
        partitions.forEach(consumer::position);
        thread.start();
        return this;
    }

    /**
     * Watches one execution: {@code listener} gets each new state (header and task runs seen since the
     * watch began, plus {@code known} task runs), until the returned handle is closed.
     */
    public Watch watch(String executionId, Execution known, java.util.function.Consumer<Execution> listener) {
        Watcher w = new Watcher(listener);
        watched.compute(executionId, (id, current) -> {
            Watched entry = current == null ? new Watched() : current;
            if (known != null && entry.header == null) {
                entry.header = known.header();
                known.taskRuns().forEach(r -> entry.runs.put(r.id(), r));
            }
            entry.watchers.add(w);
            return entry;
        });
        return () -> watched.computeIfPresent(executionId, (id, entry) -> {
            entry.watchers.remove(w);
            return entry.watchers.isEmpty() ? null : entry;
        });
    }

    /** A watch; closing it stops the updates. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private void read() {
        try {
            while (running) {
                Set<String> changed = new HashSet<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String id = executionId(r.key());
                    Watched entry = id == null ? null : watched.get(id);
                    if (entry == null || r.value() == null) {
                        continue;
                    }
                    try {
                        if (r.topic().equals(executionsTopic)) {
                            entry.header = HEADERS.deserialize(r.topic(), r.value());
                        } else {
                            TaskRun run = TASK_RUNS.deserialize(r.topic(), r.value());
                            entry.runs.put(run.id(), run);
                        }
                        changed.add(id);
                    } catch (SerializationException e) {
                        LOG.warn("record {} of {} cannot be read: {}", r.key(), r.topic(), e.getMessage());
                    }
                }
                for (String id : changed) {
                    Watched entry = watched.get(id);
                    if (entry != null && entry.header != null) {
                        Execution state = entry.snapshot();
                        entry.watchers.forEach(w -> w.offer(state));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("live executions stopped reading: {}", e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static String executionId(String key) {
        if (key == null) {
            return null;
        }
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    @Override
    public void close() {
        running = false;
        ReaderThreads.stop(thread, consumer);
        deliveries.shutdownNow();
    }

    /** What is known of one watched execution. */
    private static final class Watched {
        volatile ExecutionHeader header;
        final Map<String, TaskRun> runs = new ConcurrentHashMap<>();
        final List<Watcher> watchers = new CopyOnWriteArrayList<>();

        Execution snapshot() {
            List<TaskRun> list = new ArrayList<>(runs.values());
            list.sort(Comparator.comparingInt(TaskRun::seq));
            return new Execution(header, list);
        }
    }

    /** One listener, fed on a virtual thread with the latest state only. */
    private final class Watcher {
        final java.util.function.Consumer<Execution> listener;
        final AtomicReference<Execution> latest = new AtomicReference<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Watcher(java.util.function.Consumer<Execution> listener) {
            this.listener = listener;
        }

        void offer(Execution state) {
            latest.set(state);
            if (scheduled.compareAndSet(false, true)) {
                deliveries.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                Execution next = latest.getAndSet(null);
                if (next == null) {
                    scheduled.set(false);
                    // an offer may have come between the read and the reset
                    if (latest.get() == null || !scheduled.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    LOG.debug("a watcher failed: {}", e.getMessage());
                }
            }
        }
    }
}
