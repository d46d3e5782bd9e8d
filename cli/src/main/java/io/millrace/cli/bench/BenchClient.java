package io.millrace.cli.bench;

import io.millrace.kafka.KafkaClients;
import io.millrace.model.FlowRecord;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.serde.FlowParser;
import io.millrace.topics.ExecutionIdPartitioner;
import io.millrace.topics.WholeKeyPartitions;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.util.Ids;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the bench drives the installation with: it deploys flows and sends creation commands the way
 * the api does, and learns when each execution ended from the {@code executions} topic (read
 * committed, as every other reader), timing each one from its command to its terminal header.
 */
final class BenchClient implements AutoCloseable {

    /** One ended execution: when its command left and when its terminal header arrived. */
    record Ended(String id, long sentNanos, long endedNanos, ExecutionStatus status) {
        double latencyMillis() {
            return (endedNanos - sentNanos) / 1e6;
        }
    }

    private static final VersionedJsonSerde<ExecutionHeader> HEADERS = VersionedJsonSerde.of(Topic.EXECUTIONS);

    private final KafkaClients kafka;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, CompletableFuture<Ended>> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final Map<String, Integer> revisions = new HashMap<>();
    private final Thread reader;
    private volatile boolean closed;

    BenchClient(KafkaClients kafka) {
        this.kafka = kafka;
        Map<String, Object> props = kafka.producer("millrace-bench");
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ExecutionIdPartitioner.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        CompletableFuture<Void> ready = new CompletableFuture<>();
        reader = Thread.ofPlatform().name("millrace-bench-reader").daemon().start(() -> read(ready));
        ready.join();
    }

    /** Publishes a flow revision to {@code flow_revisions} and {@code flows}; returns its revision. */
    int deploy(String yaml) {
        var flow = new FlowParser().parse(yaml);
        String key = flow.namespace() + "/" + flow.id();
        int revision = revisions.merge(key, 1, Integer::sum);
        FlowRecord record = new FlowRecord(flow.namespace(), flow.id(), revision, yaml, false, Instant.now());
        send(Topic.FLOW_REVISIONS, record.key() + "/" + revision, record);
        send(Topic.FLOWS, record.key(), record);
        producer.flush();
        return revision;
    }

    /** Sends the creation command of a new execution; the future completes when it has ended. */
    CompletableFuture<Ended> submit(String namespace, String flowId, int revision) {
        String id = Ids.random();
        CompletableFuture<Ended> ended = pending.computeIfAbsent(id, k -> new CompletableFuture<>());
        sent.put(id, System.nanoTime());
        send(Topic.EXECUTION_COMMANDS, id, new CreateExecution(id, namespace, flowId, revision, Map.of(), List.of(),
            null, null, null, null, 1));
        return ended;
    }

    /** Sends what is buffered now. */
    void flush() {
        producer.flush();
    }

    /** Waits for every future, failing with a clear message after {@code timeout}. */
    static List<Ended> awaitAll(List<CompletableFuture<Ended>> futures, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Ended> ended = new ArrayList<>(futures.size());
        for (CompletableFuture<Ended> f : futures) {
            try {
                ended.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                long done = futures.stream().filter(CompletableFuture::isDone).count();
                throw new IllegalStateException(what + ": only " + done + " of " + futures.size()
                    + " executions ended within " + timeout.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        return ended;
    }

    private void send(Topic topic, String key, Object value) {
        String name = kafka.topic(topic);
        // the producer partitions by execution id; records keyed otherwise go where the api puts them
        Integer partition = topic.keyedByExecution() ? null : WholeKeyPartitions.of(key, producer.partitionsFor(name).size());
        producer.send(new ProducerRecord<>(name, partition, key, VersionedJsonSerde.of(topic).serialize(name, value)));
    }

    private void read(CompletableFuture<Void> ready) {
        Map<String, Object> props = kafka.consumer(null, "millrace-bench-reader");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props,
            new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(kafka.topic(Topic.EXECUTIONS))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready.complete(null);
            while (!closed) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.value() == null || !sent.containsKey(r.key())) {
                        continue;
                    }
                    ExecutionHeader header = HEADERS.deserialize(r.topic(), r.value());
                    if (header.status().isTerminal()) {
                        Long start = sent.remove(r.key());
                        if (start != null) {
                            pending.computeIfAbsent(r.key(), k -> new CompletableFuture<>())
                                .complete(new Ended(r.key(), start, now, header.status()));
                            pending.remove(r.key());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            pending.values().forEach(f -> f.completeExceptionally(e));
            throw e;
        }
    }

    /**
     * The largest record (key and value, as stored) of every topic whose name starts with
     * {@code prefix}: Millrace's topics and Kafka Streams' changelogs and repartition topics.
     */
    Map<String, Integer> largestRecords(String prefix) {
        Map<String, Integer> largest = new TreeMap<>();
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(kafka.admin())) {
            for (var d : admin.describeTopics(admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(prefix)).toList()).allTopicNames().get().values()) {
                d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return largest;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics: " + e.getCause().getMessage(), e);
        }
        Map<String, Object> props = kafka.consumer(null, "millrace-bench-sizes");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.values().removeIf(v -> v == 0);
            while (!end.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    int size = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
                    largest.merge(r.topic(), size, Math::max);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return largest;
    }

    /** CPU time used so far by the threads of this process whose name starts with {@code prefix}. */
    static long cpuNanos(String threadPrefix) {
        return cpuNanos(name -> name.startsWith(threadPrefix));
    }

    /**
     * CPU time used so far by the threads of this process whose name contains {@code part} (a Kafka Streams
     * application's stream threads and their producers' network threads carry its application id).
     */
    static long cpuNanosContaining(String part) {
        return cpuNanos(name -> name.contains(part));
    }

    private static long cpuNanos(java.util.function.Predicate<String> named) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && named.test(info.getThreadName())) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
