package io.millrace.executor.triggers;

import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.template.TemplateEngine;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Keys;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.triggers.EndedExecutions;
import io.millrace.triggers.TriggerFlows;
import io.millrace.triggers.TriggerMatcher;
import io.millrace.triggers.WindowMatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The flow-trigger topology under a {@link TopologyTestDriver}: flows in on {@code flows}, task runs
 * and headers in as the executor writes them, commands, window matches and dead letters out.
 */
final class TriggerFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-04-01T08:00:00Z");
    static final FlowTriggerSettings SETTINGS =
        new FlowTriggerSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1));

    final KafkaClients kafka = new KafkaClients(KafkaSettings.local("localhost:9092"));
    final TopologyTestDriver driver;

    private final TestInputTopic<String, byte[]> flowsIn;
    final TestInputTopic<String, byte[]> executionsIn;
    final TestInputTopic<String, byte[]> taskRunsIn;
    private final TestOutputTopic<String, byte[]> commandsOut;
    private final TestOutputTopic<String, byte[]> windowsOut;
    private final TestOutputTopic<String, byte[]> deadLettersOut;

    TriggerFixture(Path stateDir) {
        Properties props = FlowTriggerTopology.properties(kafka);
        props.put("state.dir", stateDir.toString());
        driver = new TopologyTestDriver(FlowTriggerTopology.build(kafka, new FlowCatalog(),
            new TriggerMatcher(new TemplateEngine()), SETTINGS), props, START);
        var s = Serdes.String().serializer();
        var b = Serdes.ByteArray().serializer();
        flowsIn = driver.createInputTopic(kafka.topic(Topic.FLOWS), s, b);
        executionsIn = driver.createInputTopic(kafka.topic(Topic.EXECUTIONS), s, b);
        taskRunsIn = driver.createInputTopic(kafka.topic(Topic.TASKRUNS), s, b);
        commandsOut = out(Topic.EXECUTION_COMMANDS);
        windowsOut = out(Topic.FLOW_TRIGGER_WINDOWS);
        deadLettersOut = out(Topic.DEAD_LETTERS);
    }

    private TestOutputTopic<String, byte[]> out(Topic topic) {
        return driver.createOutputTopic(kafka.topic(topic), Serdes.String().deserializer(),
            Serdes.ByteArray().deserializer());
    }

    static <T> byte[] bytes(Topic topic, T value) {
        return VersionedJsonSerde.<T>of(topic).serialize(topic.baseName(), value);
    }

    static <T> T read(Topic topic, byte[] value) {
        return VersionedJsonSerde.<T>of(topic).deserialize(topic.baseName(), value);
    }

    /** Publishes a flow as the api does (newest revision on {@code flows}). */
    void deploy(String yaml) {
        deploy(yaml, 1, false);
    }

    void deploy(String yaml, int revision, boolean deleted) {
        Flow flow = TriggerFlows.parse(yaml);
        FlowRecord r = new FlowRecord(flow.namespace(), flow.id(), revision, yaml, deleted, START);
        flowsIn.pipeInput(r.key(), bytes(Topic.FLOWS, r));
    }

    /** Deletes a flow from {@code flows} with a tombstone. */
    void tombstone(String namespace, String id) {
        flowsIn.pipeInput(namespace + "/" + id, (byte[]) null);
    }

    void taskRun(TaskRun run) {
        taskRunsIn.pipeInput(Keys.taskRun(run.executionId(), run.id()), bytes(Topic.TASKRUNS, run));
    }

    void header(ExecutionHeader h) {
        executionsIn.pipeInput(h.id(), bytes(Topic.EXECUTIONS, h));
    }

    /** What the executor writes for a whole run: running task runs, their ends, then the ending header. */
    void run(EndedExecutions e, ExecutionStatus status, Instant at) {
        header(e.running());
        e.runningTaskRuns().forEach(this::taskRun);
        e.taskRuns().forEach(this::taskRun);
        header(e.endedHeader(status, at));
    }

    /** The commands sent since the last call, with their keys checked against their ids. */
    List<CreateExecution> commands() {
        List<CreateExecution> list = new ArrayList<>();
        for (KeyValue<String, byte[]> kv : commandsOut.readKeyValuesToList()) {
            ExecutionCommand c = read(Topic.EXECUTION_COMMANDS, kv.value);
            if (!kv.key.equals(c.executionId())) {
                throw new AssertionError("command keyed " + kv.key + " for execution " + c.executionId());
            }
            list.add((CreateExecution) c);
        }
        return list;
    }

    List<WindowMatch> windowMatches() {
        return windowsOut.readValuesToList().stream().map(v -> TriggerFixture.<WindowMatch>read(
            Topic.FLOW_TRIGGER_WINDOWS, v)).toList();
    }

    List<DeadLetter> deadLetters() {
        return deadLettersOut.readValuesToList().stream().map(v -> TriggerFixture.<DeadLetter>read(
            Topic.DEAD_LETTERS, v)).toList();
    }

    /** How many entries a store of this topology holds. */
    int storeSize(String store) {
        int n = 0;
        try (var it = driver.getKeyValueStore(store).all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        driver.close();
    }
}
