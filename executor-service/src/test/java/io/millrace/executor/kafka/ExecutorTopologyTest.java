package io.millrace.executor.kafka;

import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.DeleteExecution;
import io.millrace.model.command.KillExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The executor topology with TopologyTestDriver: the Kafka shell around the orchestrator. */
class ExecutorTopologyTest {

    @TempDir
    Path dir;

    private ExecutorFixture x;

    @BeforeEach
    void start() {
        x = new ExecutorFixture(dir);
        x.deploy("""
            id: hello
            namespace: tests
            inputs:
              - id: name
                type: STRING
                defaults: world
            tasks:
              - id: greet
                type: io.millrace.core.debug.Return
                format: "hello {{ inputs.name }}"
              - id: each
                type: io.millrace.core.flow.ForEach
                values: ["a", "b"]
                concurrencyLimit: 0
                tasks:
                  - id: item
                    type: io.millrace.core.log.Log
                    message: "{{ outputs.greet.value }} {{ taskrun.value }}"
            """, 1);
    }

    @AfterEach
    void stop() {
        x.close();
    }

    @Test
    void anExecutionRunsThroughTheTopicsToItsEnd() {
        x.send(CreateExecution.of("e1", "tests", "hello", Map.of("name", "kafka")));

        Execution e = x.execution("e1");
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly("greet", "each", "item", "item");
        assertThat(e.taskRun("greet").outputs()).containsEntry("value", "hello kafka");
        assertThat(x.logs).extracting(l -> l.message()).contains("hello kafka a", "hello kafka b");
        assertThat(x.runningOut.readKeyValuesToList()).extracting(kv -> kv.key)
            .allMatch(k -> k.startsWith("e1/")).allSatisfy(k -> assertThat(k).isNotNull());
    }

    @Test
    void everyRecordOfAnExecutionIsKeyedByItsId() {
        x.send(CreateExecution.of("e2", "tests", "hello", Map.of()));

        assertThat(x.headers).containsOnlyKeys("e2");
        assertThat(x.taskRuns.get("e2").keySet()).allMatch(k -> k.startsWith("e2/"));
    }

    @Test
    void aPoisonRecordGoesToDeadLettersAndTheStreamGoesOn() {
        x.commandsIn.pipeInput("bad", "{not json".getBytes(StandardCharsets.UTF_8));
        x.send(CreateExecution.of("e3", "tests", "hello", Map.of()));

        List<KeyValue<String, byte[]>> dead = x.deadLettersOut.readKeyValuesToList();
        assertThat(dead).hasSize(1);
        DeadLetter letter = ExecutorFixture.read(Topic.DEAD_LETTERS, dead.getFirst().value);
        assertThat(letter.key()).isEqualTo("bad");
        assertThat(letter.value()).isEqualTo("{not json");
        assertThat(letter.error()).contains("execution_commands");
        assertThat(letter.sourceTopic()).isEqualTo(x.kafka.topic(Topic.EXECUTION_COMMANDS));
        assertThat(x.execution("e3").status()).isEqualTo(ExecutionStatus.SUCCESS);
    }

    @Test
    void aPoisonRecordTooLargeToKeepWholeIsCutToFitTheDeadLetterBudget() {
        byte[] huge = "{\"x\":\"".concat("\\".repeat(2_000_000)).getBytes(StandardCharsets.UTF_8);
        x.commandsIn.pipeInput("big", huge);

        byte[] written = x.deadLettersOut.readValue();
        DeadLetter letter = ExecutorFixture.read(Topic.DEAD_LETTERS, written);
        assertThat(written.length).isLessThanOrEqualTo(DeadLetter.DEFAULT_BUDGET);
        assertThat(letter.truncated()).isTrue();
        assertThat(letter.valueBytes()).isEqualTo(huge.length);
        assertThat(new String(huge, StandardCharsets.UTF_8)).startsWith(letter.value());
    }

    @Test
    void timersFireOnTheWallClock() {
        x.deploy("""
            id: pause
            namespace: tests
            tasks:
              - id: wait
                type: io.millrace.core.flow.Pause
                delay: PT30S
              - id: after
                type: io.millrace.core.debug.Return
                format: after
            """, 1);
        x.send(CreateExecution.of("e4", "tests", "pause", Map.of()));
        assertThat(x.execution("e4").status()).isEqualTo(ExecutionStatus.PAUSED);

        x.advance(Duration.ofSeconds(10));
        assertThat(x.execution("e4").status()).isEqualTo(ExecutionStatus.PAUSED);

        x.advance(Duration.ofSeconds(25));
        assertThat(x.execution("e4").status()).isEqualTo(ExecutionStatus.SUCCESS);
    }

    @Test
    void concurrencySlotsAreCountedPerFlow() {
        x.deploy("""
            id: limited
            namespace: tests
            concurrency:
              limit: 1
            tasks:
              - id: wait
                type: io.millrace.core.flow.Pause
                delay: PT1M
            """, 1);
        x.send(CreateExecution.of("c1", "tests", "limited", Map.of()));
        x.send(CreateExecution.of("c2", "tests", "limited", Map.of()));

        assertThat(x.execution("c1").status()).isEqualTo(ExecutionStatus.PAUSED);
        assertThat(x.execution("c2").status()).isEqualTo(ExecutionStatus.QUEUED);

        x.advance(Duration.ofMinutes(1));
        assertThat(x.execution("c1").status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(x.execution("c2").status()).isEqualTo(ExecutionStatus.PAUSED);

        x.advance(Duration.ofMinutes(1));
        assertThat(x.execution("c2").status()).isEqualTo(ExecutionStatus.SUCCESS);
    }

    @Test
    void aCreationWaitsForAFlowRevisionStillOnItsWay() {
        x.send(new CreateExecution("w1", "tests", "later", 3, Map.of(), List.of(), null, null, null, null, 1));
        assertThat(x.headers).doesNotContainKey("w1");

        x.deploy("""
            id: later
            namespace: tests
            tasks:
              - id: t
                type: io.millrace.core.debug.Return
                format: ok
            """, 3);
        x.advance(Duration.ofSeconds(1));

        assertThat(x.execution("w1").status()).isEqualTo(ExecutionStatus.SUCCESS);
    }

    @Test
    void aCreationForARevisionThatNeverComesFailsAfterTheWait() {
        x.send(new CreateExecution("w2", "tests", "never", 1, Map.of(), List.of(), null, null, null, null, 1));
        x.advance(Duration.ofSeconds(31));

        assertThat(x.execution("w2").status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void killingBroadcastsTheAttemptsToStop() {
        x.runWorkers = false;
        x.send(CreateExecution.of("k1", "tests", "hello", Map.of()));
        assertThat(x.heldTasks).hasSize(1);

        x.send(new KillExecution("k1"));

        List<KeyValue<String, byte[]>> kills = x.killsOut.readKeyValuesToList();
        assertThat(kills).hasSize(1);
        KillTaskRun kill = ExecutorFixture.read(Topic.EXECUTION_KILLED, kills.getFirst().value);
        assertThat(kill.taskRunId()).isEqualTo(x.heldTasks.getFirst().taskRun().id());
        assertThat(x.execution("k1").status()).isEqualTo(ExecutionStatus.KILLING);
    }

    @Test
    void aDeletedExecutionIsTombstonedEvenAfterItLeftTheStore() {
        x.send(CreateExecution.of("d1", "tests", "hello", Map.of()));
        Execution ended = x.execution("d1");
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCESS);
        x.send(new DeleteExecution("d1", List.of()));
        assertThat(x.headers).doesNotContainKey("d1");
        assertThat(x.taskRuns.get("d1")).isEmpty();
        assertThat(x.headerStore().get("d1")).isNull();

        x.send(CreateExecution.of("d2", "tests", "hello", Map.of()));
        Execution d2 = x.execution("d2");
        x.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(x.headerStore().get("d2")).as("evicted once ended").isNull();
        x.send(new DeleteExecution("d2", d2.taskRuns().stream().map(TaskRun::id).toList()));
        assertThat(x.headers).doesNotContainKey("d2");
        assertThat(x.taskRuns.get("d2")).isEmpty();
    }

    @Test
    void aRunningExecutionIsNotDeleted() {
        x.runWorkers = false;
        x.send(CreateExecution.of("d3", "tests", "hello", Map.of()));
        x.send(new DeleteExecution("d3", List.of()));
        assertThat(x.execution("d3").status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(x.headerStore().get("d3")).isNotNull();
    }

    @Test
    void endedExecutionsLeaveTheStoreAndARestartBringsThemBack() {
        x.deploy("""
            id: fails
            namespace: tests
            tasks:
              - id: t
                type: io.millrace.core.log.Log
                message: "{{ taskrun.attemptsCount == 1 ? 'ok' : missing }}"
            """, 1);
        x.send(CreateExecution.of("r1", "tests", "fails", Map.of()));
        Execution failed = x.execution("r1");
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(x.headerStore().get("r1")).isNotNull();

        x.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(x.headerStore().get("r1")).isNull();

        x.send(new RestartExecution("r1", failed));

        Execution restarted = x.execution("r1");
        assertThat(restarted.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(restarted.taskRun("t").attempts()).hasSize(2);
        assertThat(restarted.taskRun("t").status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void anEventWhoseHandlingThrowsIsADeadLetterAndTheStreamGoesOn() {
        x.deploy("""
            id: fails
            namespace: tests
            tasks:
              - id: t
                type: io.millrace.core.log.Log
                message: "{{ missing }}"
            """, 1);
        x.send(CreateExecution.of("b1", "tests", "fails", Map.of()));
        Execution failed = x.execution("b1");
        TaskRun t = failed.taskRun("t");
        // a snapshot naming a task the flow does not have: the restart cannot be applied
        TaskRun ghost = new TaskRun(t.id(), t.executionId(), t.namespace(), t.flowId(), "ghost", t.parentTaskRunId(),
            t.value(), t.iteration(), t.seq(), t.state(), t.attempts(), t.outputs(), t.plan(), t.error());
        x.advance(Duration.ofHours(1).plusSeconds(1));

        x.send(new RestartExecution("b1", new Execution(failed.header(), List.of(ghost))));
        x.send(CreateExecution.of("b2", "tests", "hello", Map.of()));

        List<KeyValue<String, byte[]>> dead = x.deadLettersOut.readKeyValuesToList();
        assertThat(dead).singleElement().satisfies(kv -> {
            DeadLetter letter = ExecutorFixture.read(Topic.DEAD_LETTERS, kv.value);
            assertThat(letter.key()).isEqualTo("b1");
            assertThat(letter.error()).contains("ghost");
            assertThat(letter.sourceTopic()).isEqualTo(x.kafka.topic(Topic.EXECUTION_COMMANDS));
            assertThat(letter.offset()).isGreaterThanOrEqualTo(0);
        });
        assertThat(x.execution("b1").status()).as("left as it was").isEqualTo(ExecutionStatus.FAILED);
        assertThat(x.execution("b2").status()).isEqualTo(ExecutionStatus.SUCCESS);
    }

    @Test
    void subflowsCrossTheCommandsTopic() {
        x.deploy("""
            id: parent
            namespace: tests
            tasks:
              - id: call
                type: io.millrace.core.flow.Subflow
                namespace: tests
                flowId: hello
                inputs:
                  name: child
                outputs:
                  greeting: "{{ outputs.greet.value }}"
            """, 1);
        x.send(CreateExecution.of("p1", "tests", "parent", Map.of()));

        Execution parent = x.execution("p1");
        assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(parent.taskRun("call").outputs()).containsEntry("greeting", "hello child");
    }
}
