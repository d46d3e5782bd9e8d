package io.millrace.executor.kafka;

import io.millrace.model.LogLevel;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The Kafka executor and flows that change under running executions: a changed or deleted flow, a
 * revision removed from {@code flow_revisions}, a Subflow whose target does not exist. Executions end
 * with a clear message, at once, and nothing goes to the dead letters.
 */
class BrokenReferencesTest {

    private static final String V1 = """
        id: report
        namespace: tests
        tasks:
          - id: first
            type: io.millrace.core.debug.Return
            format: one
          - id: second
            type: io.millrace.core.debug.Return
            format: two
        """;
    private static final String V2 = """
        id: report
        namespace: tests
        tasks:
          - id: other
            type: io.millrace.core.debug.Return
            format: changed
        """;

    @TempDir
    Path dir;

    private ExecutorFixture x;

    @BeforeEach
    void start() {
        x = new ExecutorFixture(dir);
        x.deploy(V1, 1);
        x.runWorkers = false; // tasks wait on the "worker" until the test runs them
    }

    @AfterEach
    void stop() {
        x.close();
    }

    @Test
    void anExecutionGoesOnWithItsOwnRevisionWhenTheFlowIsChangedAndDeleted() {
        x.send(CreateExecution.of("e1", "tests", "report", Map.of()));
        assertThat(x.heldTasks).extracting(t -> t.task().id()).containsExactly("first");

        x.deploy(V2, 2);
        x.delete(V2, 3);
        runHeldTasks();

        Execution e = x.execution("e1");
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(e.header().flowRevision()).isEqualTo(1);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly("first", "second");
        assertThat(x.deadLettersOut.isEmpty()).isTrue();
    }

    @Test
    void aNewExecutionOfADeletedFlowFailsAtOnce() {
        x.delete(V1, 2);

        x.send(CreateExecution.of("e2", "tests", "report", Map.of()));

        assertThat(x.execution("e2").status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(messages("e2")).contains("flow tests/report does not exist");
    }

    @Test
    void anExecutionWhoseRevisionWasRemovedFailsWithAMessageNamingIt() {
        x.send(CreateExecution.of("e3", "tests", "report", Map.of()));
        WorkerTask held = x.heldTasks.getFirst();

        x.removeRevision("tests", "report", 1);
        runHeldTasks();

        Execution e = x.execution("e3");
        String why = "flow tests/report revision 1 is not known to the executor (deleted from flow_revisions?)";
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.taskRun("first").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRun("first").error()).isEqualTo(why);
        assertThat(x.logs).filteredOn(l -> "e3".equals(l.executionId()) && l.taskRunId() == null)
            .extracting(LogEntry::level, LogEntry::message).contains(tuple(LogLevel.ERROR, why));
        assertThat(x.killsOut.readValuesToList()).as("the attempt is stopped on its worker").hasSize(1);
        assertThat(held.taskRun().id()).isEqualTo(e.taskRun("first").id());
        assertThat(x.deadLettersOut.isEmpty()).isTrue();
    }

    @Test
    void aSubflowWhoseTargetDoesNotExistFailsAtOnceWithTheMissingFlowInTheParentsLogs() {
        x.runWorkers = true;
        x.deploy("""
            id: caller
            namespace: tests
            tasks:
              - id: no-flow
                type: io.millrace.core.flow.Subflow
                namespace: tests
                flowId: nowhere
                allowFailure: true
              - id: no-revision
                type: io.millrace.core.flow.Subflow
                namespace: tests
                flowId: report
                revision: 0
                allowFailure: true
              - id: deleted
                type: io.millrace.core.flow.Subflow
                namespace: tests
                flowId: gone
            errors:
              - id: handled
                type: io.millrace.core.debug.Return
                format: handled
            """, 1);
        x.deploy(V1.replace("id: report", "id: gone"), 1);
        x.delete(V1.replace("id: report", "id: gone"), 2);

        // no wall-clock time passes: nothing waits for the creation's flow-wait
        x.send(CreateExecution.of("p1", "tests", "caller", Map.of()));

        Execution p = x.execution("p1");
        assertThat(p.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(p.taskRun("no-flow").status()).isEqualTo(TaskRunStatus.WARNING);
        assertThat(p.taskRun("no-flow").error()).endsWith("failed: flow tests/nowhere does not exist");
        assertThat(p.taskRun("no-revision").status()).isEqualTo(TaskRunStatus.WARNING);
        assertThat(p.taskRun("no-revision").error()).endsWith("failed: flow tests/report revision 0 does not exist");
        assertThat(p.taskRun("deleted").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(p.taskRun("deleted").error()).endsWith("failed: flow tests/gone does not exist");
        assertThat(p.taskRun("handled").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(messages("p1")).contains(p.taskRun("no-flow").error(), p.taskRun("no-revision").error(),
            p.taskRun("deleted").error());
        assertThat(x.deadLettersOut.isEmpty()).isTrue();
    }

    private void runHeldTasks() {
        while (!x.heldTasks.isEmpty()) {
            List<WorkerTask> now = List.copyOf(x.heldTasks);
            x.heldTasks.clear();
            now.forEach(x::complete);
            x.settle();
        }
    }

    private List<String> messages(String executionId) {
        return x.logs.stream().filter(l -> executionId.equals(l.executionId())).map(LogEntry::message).toList();
    }
}
