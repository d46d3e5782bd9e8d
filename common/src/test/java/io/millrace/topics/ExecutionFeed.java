package io.millrace.topics;

import io.millrace.kafka.KafkaClients;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTaskRunning;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What an installation's topics say, read from the beginning with read_committed as the api's
 * indexer reads them: execution headers, task runs and logs, the attempts workers hold
 * ({@code worker_task_running}) and the workers' instances. For tests that drive real services
 * and check what they did.
 */
public final class ExecutionFeed implements AutoCloseable {

    private static final List<Topic> TOPICS = List.of(Topic.EXECUTIONS, Topic.TASKRUNS, Topic.LOGS,
        Topic.WORKER_TASK_RUNNING, Topic.WORKER_INSTANCES);

    private final KafkaClients kafka;
    private final String clientId;
    private final Thread reader;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private volatile int partitions;

    private final Map<String, ExecutionHeader> headers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, TaskRun>> taskRuns = new ConcurrentHashMap<>();
    private final Map<String, List<LogEntry>> logs = new ConcurrentHashMap<>();
    private final Map<String, WorkerTaskRunning> running = new ConcurrentHashMap<>();
    private final Map<String, WorkerInstance> instances = new ConcurrentHashMap<>();
    private volatile Instant lastArrival = Instant.EPOCH;

    public ExecutionFeed(KafkaClients kafka, String clientId) {
        this.kafka = kafka;
        this.clientId = clientId;
        reader = Thread.ofPlatform().name(clientId).daemon().start(this::read);
    }

    /** The execution as the topics describe it, or null before its first header. */
    public Execution execution(String id) {
        checkReader();
        ExecutionHeader h = headers.get(id);
        if (h == null) {
            return null;
        }
        List<TaskRun> runs = new ArrayList<>(taskRuns.getOrDefault(id, Map.of()).values());
        runs.sort(Comparator.comparingInt(TaskRun::seq));
        return new Execution(h, runs);
    }

    /** Every execution of a flow seen so far, oldest first. */
    public List<Execution> executions(String namespace, String flowId) {
        List<Execution> list = new ArrayList<>();
        for (ExecutionHeader h : headers.values()) {
            if (h.namespace().equals(namespace) && h.flowId().equals(flowId)) {
                list.add(execution(h.id()));
            }
        }
        list.sort(Comparator.comparing(e -> e.header().state().startDate()));
        return list;
    }

    /** The log lines of an execution, in the order they were read. */
    public List<LogEntry> logs(String executionId) {
        return List.copyOf(logs.getOrDefault(executionId, List.of()));
    }

    /** The attempts workers hold now, by {@code executionId/taskRunId}: taken, and whose result is not applied yet. */
    public Map<String, WorkerTaskRunning> running() {
        checkReader();
        return Map.copyOf(running);
    }

    /** The latest instance of each worker that has not stopped cleanly, by worker id. */
    public Map<String, WorkerInstance> instances() {
        checkReader();
        return Map.copyOf(instances);
    }

    /** When an execution header or task run last arrived ({@link Instant#EPOCH} if none has). */
    public Instant lastArrival() {
        return lastArrival;
    }

    /** The partition of {@code executions} (and of every topic keyed by execution) that holds an execution. */
    public int partitionOf(String executionId) {
        if (partitions == 0) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> partitions > 0);
        }
        return ExecutionIdPartitioner.partition(executionId, partitions);
    }

    /**
     * Waits until the execution satisfies {@code condition}, then until what the topics say about it
     * stops changing: the records of one executor transaction land on several topics and partitions,
     * which a reader sees in no particular order.
     */
    public Execution await(String id, Predicate<Execution> condition, Duration timeout) {
        return awaitStable(() -> execution(id), e -> e != null && condition.test(e), timeout);
    }

    /** Waits until the execution has ended. */
    public Execution await(String id) {
        return await(id, e -> e.status().isTerminal(), Duration.ofSeconds(60));
    }

    /** Waits until all the executions have ended (and stopped changing); returns them in the same order. */
    public List<Execution> awaitAll(List<String> ids, Duration timeout) {
        return awaitStable(() -> ids.stream().map(this::execution).toList(),
            all -> all.stream().allMatch(e -> e != null && e.status().isTerminal()), timeout);
    }

    private <T> T awaitStable(Supplier<T> read, Predicate<T> condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> condition.test(read.get()));
        List<T> last = new ArrayList<>(List.of(read.get()));
        long[] stableSince = {System.nanoTime()};
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            T now = read.get();
            if (!now.equals(last.get(0))) {
                last.set(0, now);
                stableSince[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - stableSince[0] > Duration.ofMillis(250).toNanos();
        });
        return last.get(0);
    }

    private void checkReader() {
        RuntimeException e = failure;
        if (e != null) {
            throw new IllegalStateException("the topic reader " + clientId + " failed: " + e.getMessage(), e);
        }
    }

    private void read() {
        Map<String, Object> props = kafka.consumer(null, clientId);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (Topic t : TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(kafka.topic(t));
                if (t == Topic.EXECUTIONS) {
                    partitions = infos.size();
                }
                infos.forEach(p -> assigned.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            while (!closed) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    apply(r);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        String topic = r.topic();
        if (topic.equals(kafka.topic(Topic.EXECUTIONS))) {
            if (r.value() != null) {
                headers.put(r.key(), VersionedJsonSerde.<ExecutionHeader>of(Topic.EXECUTIONS).deserialize(topic, r.value()));
            }
            lastArrival = Instant.now();
        } else if (topic.equals(kafka.topic(Topic.TASKRUNS))) {
            String executionId = r.key().substring(0, r.key().indexOf('/'));
            Map<String, TaskRun> runs = taskRuns.computeIfAbsent(executionId, k -> new ConcurrentHashMap<>());
            if (r.value() == null) {
                runs.remove(r.key());
            } else {
                runs.put(r.key(), VersionedJsonSerde.<TaskRun>of(Topic.TASKRUNS).deserialize(topic, r.value()));
            }
            lastArrival = Instant.now();
        } else if (topic.equals(kafka.topic(Topic.LOGS)) && r.value() != null) {
            logs.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>())
                .add(VersionedJsonSerde.<LogEntry>of(Topic.LOGS).deserialize(topic, r.value()));
        } else if (topic.equals(kafka.topic(Topic.WORKER_TASK_RUNNING))) {
            update(running, r.key(), r.value() == null ? null
                : VersionedJsonSerde.<WorkerTaskRunning>of(Topic.WORKER_TASK_RUNNING).deserialize(topic, r.value()));
        } else if (topic.equals(kafka.topic(Topic.WORKER_INSTANCES))) {
            update(instances, r.key(), r.value() == null ? null
                : VersionedJsonSerde.<WorkerInstance>of(Topic.WORKER_INSTANCES).deserialize(topic, r.value()));
        }
    }

    private static <V> void update(Map<String, V> map, String key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
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
