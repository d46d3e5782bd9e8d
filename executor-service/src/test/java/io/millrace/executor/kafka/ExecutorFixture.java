package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.model.FlowRecord;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.runtime.RunnerSettings;
import io.millrace.runtime.TaskEvents;
import io.millrace.runtime.TaskRunner;
import io.millrace.template.TemplateEngine;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The executor topology under a {@link TopologyTestDriver}, with a worker played by a real
 * {@link TaskRunner}: commands the executor sends to other executions are fed back, worker tasks
 * are run and their results piped in, and the driver's wall clock drives timers. What comes out
 * of the topics is gathered into executions, as the api's indexer would.
 */
final class ExecutorFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-04-01T08:00:00Z");

    final KafkaClients kafka = new KafkaClients(KafkaSettings.local("localhost:9092"));
    final TopologyTestDriver driver;
    private final TaskRunner runner;
    private final FlowCache flows = new FlowCache();

    final TestInputTopic<String, byte[]> commandsIn;
    final TestInputTopic<String, byte[]> resultsIn;
    final TestInputTopic<String, byte[]> revisionsIn;
    final TestInputTopic<String, byte[]> slotsIn;
    final TestInputTopic<String, byte[]> runningIn;
    final TestInputTopic<String, byte[]> deadWorkersIn;
    final TestOutputTopic<String, byte[]> commandsOut;
    final TestOutputTopic<String, byte[]> workerTasksOut;
    final TestOutputTopic<String, byte[]> executionsOut;
    final TestOutputTopic<String, byte[]> taskRunsOut;
    final TestOutputTopic<String, byte[]> killsOut;
    final TestOutputTopic<String, byte[]> logsOut;
    final TestOutputTopic<String, byte[]> slotsOut;
    final TestOutputTopic<String, byte[]> runningOut;
    final TestOutputTopic<String, byte[]> deadLettersOut;

    /** What the topics said about each execution, as an indexer would keep it. */
    final Map<String, ExecutionHeader> headers = new LinkedHashMap<>();
    final Map<String, Map<String, TaskRun>> taskRuns = new LinkedHashMap<>();
    final List<LogEntry> logs = new ArrayList<>();
    boolean runWorkers = true;
    final List<WorkerTask> heldTasks = new ArrayList<>();

    ExecutorFixture(Path stateDir) {
        Properties props = new Properties();
        kafka.streams("executor").forEach((k, v) -> props.put(k, String.valueOf(v)));
        props.put("state.dir", stateDir.toString());
        driver = new TopologyTestDriver(
            ExecutorTopology.build(kafka, new Orchestrator(new TemplateEngine()), flows, ExecutorSettings.defaults()),
            props, START);
        runner = new TaskRunner(new TemplateEngine(), new RunnerSettings("w", Map.of(), stateDir.resolve("work"),
            Clock.fixed(START, ZoneOffset.UTC)));
        var s = Serdes.String();
        var b = Serdes.ByteArray();
        commandsIn = driver.createInputTopic(kafka.topic(Topic.EXECUTION_COMMANDS), s.serializer(), b.serializer());
        resultsIn = driver.createInputTopic(kafka.topic(Topic.WORKER_TASK_RESULTS), s.serializer(), b.serializer());
        revisionsIn = driver.createInputTopic(kafka.topic(Topic.FLOW_REVISIONS), s.serializer(), b.serializer());
        slotsIn = driver.createInputTopic(kafka.topic(Topic.CONCURRENCY_SLOTS), s.serializer(), b.serializer());
        runningIn = driver.createInputTopic(kafka.topic(Topic.WORKER_TASK_RUNNING), s.serializer(), b.serializer());
        deadWorkersIn = driver.createInputTopic(kafka.topic(Topic.DEAD_WORKERS), s.serializer(), b.serializer());
        commandsOut = out(Topic.EXECUTION_COMMANDS);
        workerTasksOut = out(Topic.WORKER_TASKS);
        executionsOut = out(Topic.EXECUTIONS);
        taskRunsOut = out(Topic.TASKRUNS);
        killsOut = out(Topic.EXECUTION_KILLED);
        logsOut = out(Topic.LOGS);
        slotsOut = out(Topic.CONCURRENCY_SLOTS);
        runningOut = out(Topic.WORKER_TASK_RUNNING);
        deadLettersOut = out(Topic.DEAD_LETTERS);
    }

    private TestOutputTopic<String, byte[]> out(Topic topic) {
        return driver.createOutputTopic(kafka.topic(topic), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    static <T> byte[] bytes(Topic topic, T value) {
        return VersionedJsonSerde.<T>of(topic).serialize(topic.baseName(), value);
    }

    static <T> T read(Topic topic, byte[] value) {
        return VersionedJsonSerde.<T>of(topic).deserialize(topic.baseName(), value);
    }

    void deploy(String yaml, int revision) {
        publish(yaml, revision, false);
    }

    /** Deletes a flow as the api does: a new revision, marked deleted, with the last source. */
    void delete(String yaml, int revision) {
        publish(yaml, revision, true);
    }

    private void publish(String yaml, int revision, boolean deleted) {
        var flow = new io.millrace.serde.FlowParser().parse(yaml);
        FlowRecord r = new FlowRecord(flow.namespace(), flow.id(), revision, yaml, deleted, START);
        revisionsIn.pipeInput(r.key() + "/" + revision, bytes(Topic.FLOW_REVISIONS, r));
    }

    /** Removes a revision from {@code flow_revisions} (a tombstone), as an operator could. */
    void removeRevision(String namespace, String id, int revision) {
        revisionsIn.pipeInput(namespace + "/" + id + "/" + revision, (byte[]) null);
    }

    void send(ExecutionCommand command) {
        commandsIn.pipeInput(command.executionId(), bytes(Topic.EXECUTION_COMMANDS, command));
        settle();
    }

    /** Moves the wall clock (timers, evictions) and lets everything that follows happen. */
    void advance(Duration d) {
        driver.advanceWallClockTime(d);
        settle();
    }

    /**
     * Plays the workers until nothing moves. Commands to other executions and slot requests need no
     * help: the driver feeds a topology's output topics that are also its inputs straight back in.
     */
    void settle() {
        for (int round = 0; round < 10_000; round++) {
            boolean moved = false;
            collect();
            for (KeyValue<String, byte[]> kv : workerTasksOut.readKeyValuesToList()) {
                WorkerTask task = read(Topic.WORKER_TASKS, kv.value);
                if (!runWorkers) {
                    heldTasks.add(task);
                    continue;
                }
                complete(task);
                moved = true;
            }
            if (!moved) {
                collect();
                return;
            }
        }
        throw new IllegalStateException("the topology does not settle");
    }

    /** Records that worker {@code workerId} (incarnation {@code incarnation}) took {@code task}, as a worker does. */
    void take(WorkerTask task, String workerId, String incarnation) {
        WorkerTaskRunning r = new WorkerTaskRunning(task.taskRun().executionId(), task.taskRun().id(), task.attempt(),
            workerId, incarnation, 0, START);
        runningIn.pipeInput(r.key(), bytes(Topic.WORKER_TASK_RUNNING, r));
        settle();
    }

    /** The detector's verdict on a worker incarnation. */
    void declareDead(String workerId, String incarnation) {
        DeadWorker d = new DeadWorker(workerId, incarnation, "host-" + workerId, null, "it sent no heartbeat for 30 s",
            START);
        deadWorkersIn.pipeInput(workerId, bytes(Topic.DEAD_WORKERS, d));
        settle();
    }

    /** Runs a worker task and sends its result. */
    void complete(WorkerTask task) {
        WorkerTaskResult result = runner.run(task, new TaskEvents() {
            @Override
            public void log(LogEntry entry) {
                logs.add(entry);
            }

            @Override
            public void metric(MetricEntry entry) {
            }
        });
        resultsIn.pipeInput(task.taskRun().executionId(), bytes(Topic.WORKER_TASK_RESULTS, result));
    }

    private void collect() {
        for (KeyValue<String, byte[]> kv : executionsOut.readKeyValuesToList()) {
            if (kv.value == null) {
                headers.remove(kv.key); // deleted
            } else {
                headers.put(kv.key, read(Topic.EXECUTIONS, kv.value));
            }
        }
        for (KeyValue<String, byte[]> kv : taskRunsOut.readKeyValuesToList()) {
            String executionId = kv.key.substring(0, kv.key.indexOf('/'));
            Map<String, TaskRun> runs = taskRuns.computeIfAbsent(executionId, k -> new LinkedHashMap<>());
            if (kv.value == null) {
                runs.remove(kv.key);
            } else {
                runs.put(kv.key, read(Topic.TASKRUNS, kv.value));
            }
        }
        for (KeyValue<String, byte[]> kv : logsOut.readKeyValuesToList()) {
            logs.add(read(Topic.LOGS, kv.value));
        }
    }

    /** The execution as the topics describe it. */
    Execution execution(String id) {
        List<TaskRun> runs = new ArrayList<>(taskRuns.getOrDefault(id, Map.of()).values());
        runs.sort(java.util.Comparator.comparingInt(TaskRun::seq));
        return new Execution(headers.get(id), runs);
    }

    KeyValueStore<String, ExecutionHeader> headerStore() {
        return driver.getKeyValueStore(Stores.HEADERS);
    }

    @Override
    public void close() {
        driver.close();
        runner.close();
    }
}
