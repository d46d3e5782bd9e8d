package io.millrace.executor.orchestrator;

import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.KillExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.StateChange;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.util.Ids;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.KILLED;
import static org.assertj.core.api.Assertions.assertThat;

/** Kill: running tasks interrupted, children killed, nothing new starts, errors do not run. */
class KillTest extends HarnessTest {

    @Test
    void killingStopsRunningTasksAndChildExecutions() {
        String id = harness.start(NS, "kill", Map.of());
        harness.await(id, e -> e.taskRuns("long").size() == 1
            && childOf(e) != null && harness.execution(childOf(e)) != null
            && harness.execution(childOf(e)).taskRuns("long").size() == 1, false);

        harness.send(new KillExecution(id));
        Execution e = harness.await(id);

        assertThat(e.status()).isEqualTo(KILLED);
        assertThat(e.header().state().histories()).extracting(StateChange::state)
            .containsSubsequence(ExecutionStatus.RUNNING, ExecutionStatus.KILLING, KILLED);
        assertThat(e.taskRun("long").status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(e.taskRun("child").status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(e.taskRun("both").status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(e.taskRuns("never")).isEmpty();
        assertThat(e.taskRuns("not-on-kill")).isEmpty();
        Execution child = harness.await(childOf(e));
        assertThat(child.status()).isEqualTo(KILLED);
        assertThat(child.taskRun("long").status()).isEqualTo(TaskRunStatus.KILLED);
    }

    @Test
    void aTaskWaitingToRetryIsKilledAtOnce() {
        harness.holdTimers();
        String id = harness.start(NS, "retry", Map.of());
        harness.await(id, e -> e.taskRuns("flaky").size() == 1
            && e.taskRun("flaky").status() == TaskRunStatus.RETRYING, false);

        harness.send(new KillExecution(id));
        harness.releaseTimers();
        Execution e = harness.await(id);

        assertThat(e.status()).isEqualTo(KILLED);
        assertThat(e.taskRun("flaky").status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(e.taskRun("flaky").attempts()).hasSize(1);
    }

    @Test
    void aScheduledExecutionCanBeKilledBeforeItStarts() {
        harness.holdTimers();
        String id = Ids.random();
        harness.send(new CreateExecution(id, NS, "scheduled", null, Map.of(), List.of(), null,
            START.plusSeconds(3600), null, null, 1));
        harness.send(new KillExecution(id));
        harness.awaitStatus(id, KILLED);
        harness.releaseTimers();
        Execution e = harness.await(id);

        assertThat(e.status()).isEqualTo(KILLED);
        assertThat(e.taskRuns()).isEmpty();
    }

    private static String childOf(Execution e) {
        List<TaskRun> child = e.taskRuns("child");
        if (child.isEmpty() || child.getFirst().plan() == null) {
            return null;
        }
        return (String) child.getFirst().plan().get("executionId");
    }
}
