package io.millrace.executor.kafka;

import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.topics.Topic;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor never writes a record larger than Kafka's 1 MiB default: what would not fit fails the task
 * run or the execution with a clear message, and every other execution goes on.
 */
class RecordSizeTest {

    /** About 1.9 MB of digits. */
    private static final String HUGE = "{{ range(1, 300000) | join(',') }}";

    @TempDir
    Path dir;

    private ExecutorFixture x;

    @BeforeEach
    void start() {
        x = new ExecutorFixture(dir);
        x.deploy("""
            id: healthy
            namespace: tests
            tasks:
              - id: hello
                type: io.millrace.core.debug.Return
                format: "hello"
            """, 1);
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private void assertNoRecordOverTheLimit() {
        for (var out : List.of(x.executionsOut, x.taskRunsOut, x.workerTasksOut, x.commandsOut, x.logsOut)) {
            for (KeyValue<String, byte[]> kv : out.readKeyValuesToList()) {
                assertThat(kv.value == null ? 0 : kv.value.length).isLessThan(1 << 20);
            }
        }
    }

    private List<String> errors(String executionId) {
        return x.logs.stream().filter(l -> executionId.equals(l.executionId()))
            .filter(l -> l.level() == io.millrace.model.LogLevel.ERROR).map(LogEntry::message).toList();
    }

    @Test
    void flowOutputsTooLargeFailTheExecutionAndTheOthersGoOn() {
        x.deploy("""
            id: big-outputs
            namespace: tests
            tasks:
              - id: small
                type: io.millrace.core.debug.Return
                format: "ok"
            outputs:
              - id: big
                type: STRING
                value: "%s"
            """.formatted(HUGE), 1);

        x.send(CreateExecution.of("p1", "tests", "big-outputs", Map.of()));
        x.send(CreateExecution.of("h1", "tests", "healthy", Map.of()));

        Execution poisoned = x.execution("p1");
        assertThat(poisoned.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(poisoned.header().outputs()).isNullOrEmpty();
        // the result that ended the execution could not be written: the run it was for ends with the reason
        assertThat(poisoned.taskRun("small").error()).contains("the execution record", "MiB", "more than the");
        assertThat(errors("p1")).anySatisfy(m -> assertThat(m)
            .contains("the execution record", "MiB", "more than the", "max.request.size"));
        assertThat(x.execution("h1").status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertNoRecordOverTheLimit();
    }

    @Test
    void aTaskWhoseOutputsAreTooLargeFailsAndItsErrorsRun() {
        x.deploy("""
            id: big-result
            namespace: tests
            tasks:
              - id: produce
                type: io.millrace.core.debug.Return
                format: "%s"
            errors:
              - id: handle
                type: io.millrace.core.log.Log
                message: "handled"
            """.formatted(HUGE), 1);

        x.send(CreateExecution.of("p2", "tests", "big-result", Map.of()));

        Execution e = x.execution("p2");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        TaskRun produce = e.taskRun("produce");
        assertThat(produce.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(produce.outputs()).isNullOrEmpty();
        assertThat(produce.error()).contains("outputs of this attempt cannot be kept", "the task run of task 'produce'");
        assertThat(e.taskRun("handle").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertNoRecordOverTheLimit();
    }

    @Test
    void variablesTooLargeForTheWorkerTaskFailTheExecutionNamingTheTask() {
        String half = "{{ range(1, 100000) | join(',') }}"; // about 590 KB each: two of them do not fit
        x.deploy("""
            id: big-variables
            namespace: tests
            tasks:
              - id: one
                type: io.millrace.core.debug.Return
                format: "%s"
              - id: two
                type: io.millrace.core.debug.Return
                format: "%s"
              - id: three
                type: io.millrace.core.log.Log
                message: "{{ outputs.one.value | length }} {{ outputs.two.value | length }}"
            """.formatted(half, half), 1);

        x.send(CreateExecution.of("p3", "tests", "big-variables", Map.of()));

        Execution e = x.execution("p3");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(errors("p3")).anySatisfy(m -> assertThat(m).contains("the task sent to workers for task 'three'"));
        assertNoRecordOverTheLimit();
    }

    @Test
    void aForEachOverTooManyValuesAtTheStartCreatesAFailedExecution() {
        x.deploy("""
            id: big-foreach
            namespace: tests
            tasks:
              - id: each
                type: io.millrace.core.flow.ForEach
                values: "{{ range(1, 300000) }}"
                tasks:
                  - id: item
                    type: io.millrace.core.log.Log
                    message: "{{ taskrun.value }}"
            """, 1);

        x.send(CreateExecution.of("p4", "tests", "big-foreach", Map.of()));
        x.send(CreateExecution.of("h4", "tests", "healthy", Map.of()));

        Execution e = x.execution("p4");
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(errors("p4")).anySatisfy(m -> assertThat(m).contains("cannot start", "the task run of task 'each'"));
        assertThat(x.execution("h4").status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertNoRecordOverTheLimit();
    }

    @Test
    void aLogLineTooLongIsCutNotRefused() {
        x.deploy("""
            id: long-line
            namespace: tests
            tasks:
              - id: a
                type: io.millrace.core.debug.Return
                format: "x"
            outputs:
              - id: broken
                type: INT
                value: "not a number {{ range(1, 300000) | join(',') }}"
            """, 1);

        x.send(CreateExecution.of("p5", "tests", "long-line", Map.of()));

        assertThat(x.execution("p5").status()).isEqualTo(ExecutionStatus.FAILED);
        assertNoRecordOverTheLimit();
    }

    @Test
    void deadLettersOfHugeRecordsAreCutToFit() {
        byte[] garbage = new byte[3 << 20];
        java.util.Arrays.fill(garbage, (byte) 'x');
        x.commandsIn.pipeInput("huge", garbage);
        x.send(CreateExecution.of("h6", "tests", "healthy", Map.of()));

        List<KeyValue<String, byte[]>> dead = x.deadLettersOut.readKeyValuesToList();
        assertThat(dead).singleElement().satisfies(kv -> {
            assertThat(kv.value.length).isLessThan(1 << 20);
            assertThat(ExecutorFixture.<io.millrace.topics.DeadLetter>read(Topic.DEAD_LETTERS, kv.value).key())
                .isEqualTo("huge");
        });
        assertThat(x.execution("h6").status()).isEqualTo(ExecutionStatus.SUCCESS);
    }
}
