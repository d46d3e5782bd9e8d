package io.millrace.executor.triggers;

import io.millrace.kafka.streams.DeadLetterLogging;
import io.millrace.model.Label;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.ExecutionIdPartitioner;
import io.millrace.topics.Topic;
import io.millrace.triggers.EndedExecutions;
import io.millrace.triggers.TriggerFlows;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.RESTARTED;
import static io.millrace.model.execution.ExecutionStatus.RETRIED;
import static io.millrace.model.execution.ExecutionStatus.RUNNING;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

class FlowTriggerTopologyTest {

    private static final Instant END = TriggerFixture.START.plusSeconds(30);

    @TempDir
    Path stateDir;

    private TriggerFixture fx;

    @BeforeEach
    void start() {
        fx = new TriggerFixture(stateDir.resolve("first"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void anEndingExecutionStartsItsListenerWithInputsFromItsOutputs() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.REPORT);

        fx.run(ingest("e1"), SUCCESS, END);

        List<CreateExecution> commands = fx.commands();
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.namespace()).isEqualTo("company.reports");
            assertThat(c.flowId()).isEqualTo("report");
            assertThat(c.inputs()).containsExactly(Map.entry("from-parent", "from parents: e1"));
            assertThat(c.trigger().variables()).containsEntry("executionId", "e1").containsEntry("state", "SUCCESS");
            assertThat(c.labels()).containsExactly(new Label(Label.CORRELATION_ID, "e1"));
        });
        assertThat(fx.deadLetters()).isEmpty();
        assertThat(fx.storeSize(TriggerStores.TASK_RUNS)).as("task runs are forgotten once evaluated").isZero();
    }

    @Test
    void anEndReadBeforeItsLastTaskRunsWaitsForThem() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.REPORT);
        EndedExecutions e = ingest("e1");
        fx.header(e.running());
        e.runningTaskRuns().forEach(fx::taskRun);

        // the executor writes the ending header before the task runs of the same step
        fx.header(e.endedHeader(SUCCESS, END));
        assertThat(fx.commands()).isEmpty();
        assertThat(fx.storeSize(TriggerStores.PENDING_ENDS)).isEqualTo(1);

        e.taskRuns().forEach(fx::taskRun);
        assertThat(fx.commands()).singleElement()
            .satisfies(c -> assertThat(c.inputs()).containsEntry("from-parent", "from parents: e1"));
        assertThat(fx.storeSize(TriggerStores.PENDING_ENDS)).isZero();
    }

    @Test
    void anEndWhoseTaskRunsNeverArriveIsEvaluatedAfterTheGraceAndItsBrokenInputsAreDeadLettered() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.REPORT);
        fx.deploy(TriggerFlows.AUDIT);
        EndedExecutions e = ingest("e1");
        fx.header(e.endedHeader(SUCCESS, END)); // one task run announced, none arrived

        fx.driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(fx.commands()).isEmpty();

        fx.driver.advanceWallClockTime(Duration.ofSeconds(6));
        assertThat(fx.commands()).extracting(CreateExecution::flowId).containsExactly("audit");
        assertThat(fx.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("e1");
            assertThat(d.error()).contains("trigger listen-flow of flow company.reports/report skipped for execution e1",
                "from-parent");
            assertThat(d.processor()).isEqualTo(TriggerStores.ENDS_NODE);
        });
    }

    @Test
    void aRepeatedEndStartsNothingTwiceAndAReplayFromScratchGivesTheSameIds() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.REPORT);
        EndedExecutions e = ingest("e1");
        fx.run(e, SUCCESS, END);
        String first = fx.commands().getFirst().executionId();

        fx.header(e.endedHeader(SUCCESS, END));
        fx.driver.advanceWallClockTime(TriggerFixture.SETTINGS.settleGrace().plusSeconds(1));
        assertThat(fx.commands()).as("the same end again").isEmpty();
        assertThat(fx.deadLetters()).isEmpty();
        assertThat(fx.storeSize(TriggerStores.PENDING_ENDS)).isZero();

        fx.close();
        fx = new TriggerFixture(stateDir.resolve("replay"));
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.REPORT);
        fx.run(e, SUCCESS, END);
        assertThat(fx.commands()).extracting(CreateExecution::executionId).containsExactly(first);
    }

    @Test
    void aRestartedExecutionThatEndsAgainTriggersAgainWithTheOutputsOfItsFirstRun() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy("""
            id: on-any-end
            namespace: ops
            inputs:
              - id: first
                type: STRING
            tasks:
              - id: only
                type: io.kestra.plugin.core.debug.Return
                format: "{{ inputs.first }}"
            triggers:
              - id: any
                type: io.millrace.core.trigger.Flow
                inputs:
                  first: "{{ outputs.only.value }}"
                conditions:
                  - type: io.millrace.core.condition.ExecutionFlow
                    namespace: company.data
                    flowId: ingest
            """);
        EndedExecutions e = ingest("e1");
        fx.run(e, FAILED, END);
        CreateExecution first = fx.commands().getFirst();

        // the restart re-sends only what it changes: the header and a new task run
        ExecutionHeader failed = e.endedHeader(FAILED, END);
        ExecutionHeader restarted = failed.withState(failed.state().to(RESTARTED, END.plusSeconds(60))
            .to(RUNNING, END.plusSeconds(60))).withTaskRunCount(2);
        fx.header(restarted);
        fx.taskRun(TaskRun.created("e1-tr1", "e1", "company.data", "ingest", "again", null, null, null, 1,
            END.plusSeconds(60)).to(TaskRunStatus.RUNNING, END.plusSeconds(60)).to(TaskRunStatus.SUCCESS,
            END.plusSeconds(61)));
        fx.header(restarted.withState(restarted.state().to(SUCCESS, END.plusSeconds(62))));

        List<CreateExecution> again = fx.commands();
        assertThat(again).singleElement().satisfies(c -> {
            assertThat(c.executionId()).isNotEqualTo(first.executionId());
            assertThat(c.inputs()).containsEntry("first", "from parents: e1");
            assertThat(c.trigger().variables()).containsEntry("state", "SUCCESS");
        });
        assertThat(fx.storeSize(TriggerStores.TASK_RUNS)).isZero();
    }

    @Test
    void theTaskRunsOfAFailedEndAreKeptForARestartUntilTheEndIsForgotten() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.REPORT);
        fx.run(ingest("e1"), FAILED, END);
        assertThat(fx.storeSize(TriggerStores.TASK_RUNS)).isEqualTo(1);
        assertThat(fx.storeSize(TriggerStores.END_MARKS)).isEqualTo(1);

        fx.driver.advanceWallClockTime(TriggerFixture.SETTINGS.endRetention().plusSeconds(1));

        assertThat(fx.storeSize(TriggerStores.TASK_RUNS)).isZero();
        assertThat(fx.storeSize(TriggerStores.END_MARKS)).isZero();
        assertThat(fx.storeSize(TriggerStores.END_EXPIRIES)).isZero();
    }

    @Test
    void withoutAnyFlowTriggerNothingIsKept() {
        fx.deploy(TriggerFlows.INGEST);

        fx.run(ingest("e1"), FAILED, END);

        assertThat(fx.commands()).isEmpty();
        assertThat(fx.storeSize(TriggerStores.TASK_RUNS)).isZero();
        assertThat(fx.storeSize(TriggerStores.END_MARKS)).isZero();
        assertThat(fx.storeSize(TriggerStores.PENDING_ENDS)).isZero();
    }

    @Test
    void retriedExecutionsTriggerNothingButAreForgotten() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.AUDIT);

        fx.run(ingest("e1"), RETRIED, END);

        assertThat(fx.commands()).isEmpty();
        assertThat(fx.storeSize(TriggerStores.TASK_RUNS)).isZero();
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextRecordStillProcessed() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.REPORT);

        fx.executionsIn.pipeInput("broken", "{not json".getBytes(StandardCharsets.UTF_8));
        fx.taskRunsIn.pipeInput("broken/tr", new byte[] {(byte) 0xff, 0x00, 0x13});
        fx.run(ingest("e1"), SUCCESS, END);

        List<DeadLetter> letters = fx.deadLetters();
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).sourceTopic()).isEqualTo(fx.kafka.topic(Topic.EXECUTIONS));
        assertThat(letters.get(0).key()).isEqualTo("broken");
        assertThat(letters.get(0).value()).isEqualTo("{not json");
        assertThat(letters.get(0).error()).contains("executions");
        assertThat(letters.get(1).sourceTopic()).isEqualTo(fx.kafka.topic(Topic.TASKRUNS));
        assertThat(letters.get(1).base64()).isTrue();
        assertThat(fx.commands()).hasSize(1);
    }

    @Test
    void disabledDeletedAndUnparsableFlowsTriggerNothing() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.REPORT);
        fx.tombstone("company.reports", "report");
        fx.run(ingest("e1"), SUCCESS, END);
        assertThat(fx.commands()).as("deleted by tombstone").isEmpty();

        fx.deploy(TriggerFlows.REPORT, 2, true);
        fx.run(ingest("e2"), SUCCESS, END);
        assertThat(fx.commands()).as("marked deleted").isEmpty();

        fx.deploy(TriggerFlows.REPORT.replace("namespace: company.reports", "namespace: company.reports\ndisabled: true"),
            3, false);
        fx.run(ingest("e3"), SUCCESS, END);
        assertThat(fx.commands()).as("disabled").isEmpty();

        fx.deploy(TriggerFlows.REPORT, 4, false);
        fx.run(ingest("e4"), SUCCESS, END);
        assertThat(fx.commands()).as("enabled again").hasSize(1);
    }

    @Test
    void aFlowDoesNotTriggerItself() {
        fx.deploy(TriggerFlows.INGEST);
        fx.deploy(TriggerFlows.AUDIT);

        fx.run(ingest("e1"), SUCCESS, END);
        List<CreateExecution> started = fx.commands();
        assertThat(started).extracting(CreateExecution::flowId).containsExactly("audit");

        fx.run(EndedExecutions.of("company.data", "audit").id(started.getFirst().executionId()), SUCCESS,
            END.plusSeconds(10));
        assertThat(fx.commands()).isEmpty();
    }

    @Test
    void aMultipleConditionFiresOnceBothFlowsSucceededTheSameDay() {
        fx.deploy(TriggerFlows.BOTH_LOADED);

        fx.run(EndedExecutions.of("company.data", "load-a").id("a1"), SUCCESS, END);
        assertThat(fx.commands()).as("after load-a only").isEmpty();
        assertThat(fx.windowMatches()).singleElement()
            .satisfies(m -> assertThat(m.key()).isEqualTo("company.data/both-loaded/multiple-listen-flow"));

        fx.run(EndedExecutions.of("company.data", "load-b").id("b1"), SUCCESS, END.plusSeconds(60));
        List<CreateExecution> started = fx.commands();
        assertThat(started).singleElement().satisfies(c -> {
            assertThat(c.flowId()).isEqualTo("both-loaded");
            assertThat(c.trigger().variables()).containsEntry("executionId", "b1").containsEntry("flowId", "load-b");
        });
        assertThat(fx.storeSize(TriggerStores.WINDOWS)).as("the window starts over").isZero();

        fx.run(EndedExecutions.of("company.data", "load-b").id("b2"), SUCCESS, END.plusSeconds(120));
        assertThat(fx.commands()).as("a new complete set is needed").isEmpty();
        fx.run(EndedExecutions.of("company.data", "load-a").id("a2"), FAILED, END.plusSeconds(180));
        assertThat(fx.commands()).as("the trigger's ExecutionStatus applies to every match").isEmpty();
    }

    @Test
    void aWindowMatchThatCannotBeReadIsDeadLetteredAndTheNextOneApplied() {
        fx.deploy(TriggerFlows.BOTH_LOADED);
        fx.driver.createInputTopic(fx.kafka.topic(Topic.FLOW_TRIGGER_WINDOWS), Serdes.String().serializer(),
                Serdes.ByteArray().serializer())
            .pipeInput("company.data/both-loaded/multiple-listen-flow", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));

        fx.run(EndedExecutions.of("company.data", "load-a").id("a1"), SUCCESS, END);
        fx.run(EndedExecutions.of("company.data", "load-b").id("b1"), SUCCESS, END.plusSeconds(60));

        assertThat(fx.deadLetters()).singleElement()
            .satisfies(d -> assertThat(d.processor()).isEqualTo(TriggerStores.WINDOWS_NODE));
        assertThat(fx.commands()).hasSize(1);
    }

    @Test
    void commandsGoToThePartitionOfTheirExecutionId() {
        for (String id : List.of("abc", "4aT8qkZ0nY3mW1pL2xV9rB", "z")) {
            assertThat(CommandPartitioner.INSTANCE.partitions("t", id, null, 16))
                .contains(Set.of(ExecutionIdPartitioner.partition(id, 16)));
        }
    }

    @Test
    void itRunsAsItsOwnExactlyOnceApplicationThatSkipsWhatItCannotHandle() {
        Properties props = FlowTriggerTopology.properties(fx.kafka);

        assertThat(props).containsEntry("application.id", "millrace_flow-triggers")
            .containsEntry("processing.guarantee", "exactly_once_v2")
            .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterLogging.class.getName())
            .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterLogging.class.getName());
    }

    private static EndedExecutions ingest(String id) {
        return EndedExecutions.of("company.data", "ingest").id(id).task("only", Map.of("value", "from parents: " + id));
    }
}
