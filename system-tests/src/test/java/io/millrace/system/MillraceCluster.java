package io.millrace.system;

import io.millrace.executor.kafka.ExecutorSettings;
import io.millrace.executor.kafka.ExecutorTopology;
import io.millrace.executor.kafka.FlowCache;
import io.millrace.kafka.streams.ManagedStreams;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.triggers.FlowCatalog;
import io.millrace.executor.triggers.FlowTriggerSettings;
import io.millrace.executor.triggers.FlowTriggerTopology;
import io.millrace.executor.workers.DeadWorkerTopology;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.kafka.TopicsReady;
import io.millrace.model.Flow;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.LogEntry;
import io.millrace.template.SecretProvider;
import io.millrace.template.TemplateEngine;
import io.millrace.topics.CommandSender;
import io.millrace.topics.ExecutionFeed;
import io.millrace.triggers.TriggerMatcher;
import io.millrace.util.Ids;
import io.millrace.worker.Worker;
import io.millrace.worker.WorkerSettings;

import io.millrace.schedule.FireCalendars;
import io.millrace.scheduler.SchedulerSettings;
import io.millrace.scheduler.kafka.SchedulerMetrics;
import io.millrace.scheduler.kafka.SchedulerTopology;
import io.millrace.scheduler.schedule.TriggerRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

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
    private final CommandSender sender;
    private final ExecutionFeed feed;

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
        sender = new CommandSender(kafka, "system-test-client");
        feed = new ExecutionFeed(kafka, "system-test-reader");
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

    /** Starts a scheduler with {@code settings} and its own state directory. */
    ManagedStreams startScheduler(String name, SchedulerSettings settings) {
        Properties props = SchedulerTopology.properties(kafka, settings);
        props.put("state.dir", dir.resolve("scheduler-" + name).toString());
        TriggerRules rules = new TriggerRules(new FireCalendars(settings.timezone()), settings);
        ManagedStreams scheduler = new ManagedStreams("scheduler-" + name,
            () -> SchedulerTopology.build(kafka, rules, settings, SchedulerMetrics.none()), props);
        scheduler.start();
        executors.add(scheduler);
        return scheduler;
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
        return sender.deploy(yaml);
    }

    /** Starts an execution of the revision last deployed; returns its id. */
    String start(String namespace, String flowId, Map<String, Object> inputs) {
        String id = sender.start(namespace, flowId, inputs);
        sender.flush();
        return id;
    }

    void send(ExecutionCommand command) {
        sender.send(command);
        sender.flush();
    }

    /** The execution as the topics describe it, or null. */
    Execution execution(String id) {
        return feed.execution(id);
    }

    /** Waits until the execution satisfies {@code condition}, then until what the topics say about it stops changing. */
    Execution await(String id, Predicate<Execution> condition, Duration timeout) {
        return feed.await(id, condition, timeout);
    }

    /** Waits until all the executions have ended (and stopped changing); returns them in the same order. */
    List<Execution> awaitAll(List<String> ids, Duration timeout) {
        return feed.awaitAll(ids, timeout);
    }

    /** Waits until the execution has ended. */
    Execution await(String id) {
        return feed.await(id);
    }

    /** Every execution of a flow seen so far. */
    List<Execution> executions(String namespace, String flowId) {
        return feed.executions(namespace, flowId);
    }

    List<LogEntry> logs(String executionId) {
        return feed.logs(executionId);
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
        sender.close();
        feed.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // leftovers of a temp directory do not matter
        }
    }
}
