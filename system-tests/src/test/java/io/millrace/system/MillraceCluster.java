package io.millrace.system;

import io.millrace.executor.kafka.ExecutorSettings;
import io.millrace.executor.kafka.ExecutorTopology;
import io.millrace.executor.kafka.FlowCache;
import io.millrace.executor.kafka.ManagedStreams;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.triggers.FlowCatalog;
import io.millrace.executor.triggers.FlowTriggerSettings;
import io.millrace.executor.triggers.FlowTriggerTopology;
import io.millrace.executor.workers.DeadWorkerTopology;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.kafka.TopicsReady;
import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.serde.FlowParser;
import io.millrace.template.SecretProvider;
import io.millrace.template.TemplateEngine;
import io.millrace.topics.ExecutionIdPartitioner;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.triggers.TriggerMatcher;
import io.millrace.util.Ids;
import io.millrace.worker.Worker;
import io.millrace.worker.WorkerSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * Millrace's services on a real broker, each in its own objects as in separate processes: executors
 * (Kafka Streams applications), workers (consumer group members), and a client that deploys flows,
 * sends commands and reads back what the executors publish, as the api's indexer would. Each
 * cluster gets its own topic and group prefix, so clusters on one broker never meet.
 */
final class MillraceCluster implements AutoCloseable {

    private final KafkaClients kafka;
    private final Path dir;
    private final List<ManagedStreams> executors = new CopyOnWriteArrayList<>();
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Thread reader;
    private volatile boolean closed;

    private final Map<String, ExecutionHeader> headers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, TaskRun>> taskRuns = new ConcurrentHashMap<>();
    private final Map<String, List<LogEntry>> logs = new ConcurrentHashMap<>();
    private final Map<String, Integer> revisions = new ConcurrentHashMap<>();

    MillraceCluster(String bootstrap, int partitions, Path dir) {
        this.dir = dir;
        String prefix = "st" + Ids.random().substring(0, 8).toLowerCase() + "_";
        KafkaSettings local = KafkaSettings.local(bootstrap);
        KafkaSettings settings = new KafkaSettings(local.client(),
            new KafkaSettings.Defaults(prefix, prefix, new KafkaSettings.TopicDefaults(partitions, (short) 1, Map.of()),
                local.defaults().consumer(), local.defaults().producer(),
                new KafkaSettings.ClientDefaults(Map.of("commit.interval.ms", "50")), Map.of()),
            new KafkaSettings.Stream(dir.resolve("streams")));
        this.kafka = new KafkaClients(settings);
        TopicsReady.ensure(kafka);
        Map<String, Object> props = kafka.producer("system-test-client");
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ExecutionIdPartitioner.class.getName());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        reader = Thread.ofPlatform().name("system-test-reader").daemon().start(this::read);
    }

    KafkaClients kafka() {
        return kafka;
    }

    /** Starts an executor (the executor and flow-trigger streams) with its own state directory. */
    ManagedStreams startExecutor(String name, int threads) {
        return startExecutor(name, threads, ExecutorSettings.defaults());
    }

    /**
     * Starts an executor with {@code settings}: the executor, dead-worker detector and flow-trigger streams,
     * with their own state directories.
     */
    ManagedStreams startExecutor(String name, int threads, ExecutorSettings settings) {
        Properties props = ExecutorTopology.properties(kafka, settings);
        props.put("state.dir", dir.resolve("state-" + name).toString());
        props.put("num.stream.threads", String.valueOf(threads));
        FlowCache flows = new FlowCache();
        Orchestrator orchestrator = new Orchestrator(new TemplateEngine(secrets()));
        ManagedStreams executor = new ManagedStreams("executor-" + name,
            () -> ExecutorTopology.build(kafka, orchestrator, flows, settings), props);
        executor.start();
        executors.add(executor);
        Properties detectorProps = DeadWorkerTopology.properties(kafka);
        detectorProps.put("state.dir", dir.resolve("detector-" + name).toString());
        ManagedStreams detector = new ManagedStreams("dead-workers-" + name,
            () -> DeadWorkerTopology.build(kafka, settings.deadWorkers()), detectorProps);
        detector.start();
        executors.add(detector);
        Properties triggerProps = FlowTriggerTopology.properties(kafka);
        triggerProps.put("state.dir", dir.resolve("triggers-" + name).toString());
        ManagedStreams triggers = new ManagedStreams("triggers-" + name, () -> FlowTriggerTopology.build(kafka,
            new FlowCatalog(), new TriggerMatcher(new TemplateEngine()), FlowTriggerSettings.DEFAULTS), triggerProps);
        triggers.start();
        executors.add(triggers);
        return executor;
    }

    /** Starts a worker. */
    Worker startWorker(String id, int concurrency) {
        return startWorker(id, concurrency, Duration.ofSeconds(5));
    }

    /** Starts a worker that announces itself every {@code heartbeat}. */
    Worker startWorker(String id, int concurrency, Duration heartbeat) {
        WorkerSettings settings = new WorkerSettings(concurrency, Duration.ofSeconds(5), List.of(),
            dir.resolve("work-" + id), id, new WorkerSettings.Secrets(WorkerSettings.Secrets.Source.NONE,
            Map.of("API_TOKEN", "s3cr3t-value")), heartbeat);
        Worker worker = new Worker(kafka, settings, null);
        worker.start();
        workers.add(worker);
        return worker;
    }

    static SecretProvider secrets() {
        return (ns, key) -> "API_TOKEN".equals(key) ? java.util.Optional.of("s3cr3t-value") : java.util.Optional.empty();
    }

    /** Publishes a flow revision (as the api does: flows and flow_revisions); returns the flow. */
    Flow deploy(String yaml) {
        Flow flow = new FlowParser().parse(yaml);
        int revision = revisions.merge(flow.namespace() + "/" + flow.id(), 1, Integer::sum);
        FlowRecord record = new FlowRecord(flow.namespace(), flow.id(), revision, yaml, false, Instant.now());
        send(Topic.FLOW_REVISIONS, record.key() + "/" + revision, record);
        send(Topic.FLOWS, record.key(), record);
        producer.flush();
        return flow.withRevision(revision);
    }

    /** Starts an execution of the revision last deployed; returns its id. */
    String start(String namespace, String flowId, Map<String, Object> inputs) {
        String id = Ids.random();
        send(new CreateExecution(id, namespace, flowId, revisions.get(namespace + "/" + flowId), inputs, List.of(),
            null, null, null, null, 1));
        return id;
    }

    void send(ExecutionCommand command) {
        send(Topic.EXECUTION_COMMANDS, command.executionId(), command);
        producer.flush();
    }

    private void send(Topic topic, String key, Object value) {
        producer.send(new ProducerRecord<>(kafka.topic(topic), key,
            VersionedJsonSerde.of(topic).serialize(topic.baseName(), value)));
    }

    /** The execution as the topics describe it, or null. */
    Execution execution(String id) {
        ExecutionHeader h = headers.get(id);
        if (h == null) {
            return null;
        }
        List<TaskRun> runs = new ArrayList<>(taskRuns.getOrDefault(id, Map.of()).values());
        runs.sort(Comparator.comparingInt(TaskRun::seq));
        return new Execution(h, runs);
    }

    /**
     * Waits until the execution satisfies {@code condition}, then until what the topics say about it
     * stops changing: the records of one executor transaction land on several topics and partitions,
     * which a reader sees in no particular order.
     */
    Execution await(String id, Predicate<Execution> condition, Duration timeout) {
        return awaitStable(() -> execution(id), e -> e != null && condition.test(e), timeout);
    }

    private <T> T awaitStable(java.util.function.Supplier<T> read, Predicate<T> condition, Duration timeout) {
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

    /** Waits until all the executions have ended (and stopped changing); returns them in the same order. */
    List<Execution> awaitAll(List<String> ids, Duration timeout) {
        return awaitStable(() -> ids.stream().map(this::execution).toList(),
            all -> all.stream().allMatch(e -> e != null && e.status().isTerminal()), timeout);
    }

    /** Waits until the execution has ended. */
    Execution await(String id) {
        return await(id, e -> e.status().isTerminal(), Duration.ofSeconds(60));
    }

    /** Every execution of a flow seen so far. */
    List<Execution> executions(String namespace, String flowId) {
        List<Execution> list = new ArrayList<>();
        for (ExecutionHeader h : headers.values()) {
            if (h.namespace().equals(namespace) && h.flowId().equals(flowId)) {
                list.add(execution(h.id()));
            }
        }
        list.sort(Comparator.comparing(e -> e.header().state().startDate()));
        return list;
    }

    List<LogEntry> logs(String executionId) {
        return List.copyOf(logs.getOrDefault(executionId, List.of()));
    }

    /** Reads executions, task runs and logs from the beginning, as the api's indexer would. */
    private void read() {
        Map<String, Object> props = kafka.consumer(null, "system-test-reader");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic t : List.of(Topic.EXECUTIONS, Topic.TASKRUNS, Topic.LOGS)) {
                for (PartitionInfo p : consumer.partitionsFor(kafka.topic(t))) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    apply(r);
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.topic().equals(kafka.topic(Topic.EXECUTIONS)) && r.value() != null) {
            headers.put(r.key(), VersionedJsonSerde.<ExecutionHeader>of(Topic.EXECUTIONS)
                .deserialize(r.topic(), r.value()));
        } else if (r.topic().equals(kafka.topic(Topic.TASKRUNS))) {
            String executionId = r.key().substring(0, r.key().indexOf('/'));
            Map<String, TaskRun> runs = taskRuns.computeIfAbsent(executionId, k -> new ConcurrentHashMap<>());
            if (r.value() == null) {
                runs.remove(r.key());
            } else {
                runs.put(r.key(), VersionedJsonSerde.<TaskRun>of(Topic.TASKRUNS).deserialize(r.topic(), r.value()));
            }
        } else if (r.topic().equals(kafka.topic(Topic.LOGS)) && r.value() != null) {
            logs.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>())
                .add(VersionedJsonSerde.<LogEntry>of(Topic.LOGS).deserialize(r.topic(), r.value()));
        }
    }

    List<Worker> workers() {
        return workers;
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.close();
        }
        for (ManagedStreams s : executors) {
            s.stop();
        }
        closed = true;
        producer.close(Duration.ofSeconds(5));
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // leftovers of a temp directory do not matter
        }
    }
}
