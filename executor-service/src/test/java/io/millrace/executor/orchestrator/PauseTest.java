package io.millrace.executor.orchestrator;

import io.millrace.model.command.KillExecution;
import io.millrace.model.command.ResumeExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.StateChange;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.KILLED;
import static io.millrace.model.execution.ExecutionStatus.PAUSED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static io.millrace.model.execution.ExecutionStatus.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

/** Pause: manual resume, delay, timeout, duration behaviours, kill while paused. */
class PauseTest extends HarnessTest {

    @Test
    void aPauseWithoutDelayWaitsForAUserThenRunsItsTasks() {
        String id = harness.start(NS, "pause-manual", Map.of());
        Execution paused = harness.await(id);

        assertThat(paused.status()).isEqualTo(PAUSED);
        assertThat(paused.taskRun("approval").status()).isEqualTo(TaskRunStatus.PAUSED);
        assertThat(paused.taskRuns()).extracting(TaskRun::taskId).containsExactly("before", "approval");

        harness.send(new ResumeExecution(id));
        Execution done = harness.await(id);

        assertThat(done.status()).isEqualTo(SUCCESS);
        assertThat(done.taskRuns()).extracting(TaskRun::taskId).containsExactly("before", "approval", "approved", "after");
        assertThat(done.header().state().histories()).extracting(StateChange::state).containsExactly(
            ExecutionStatus.CREATED, ExecutionStatus.RUNNING, PAUSED, ExecutionStatus.RESTARTED,
            ExecutionStatus.RUNNING, SUCCESS);
    }

    @Test
    void aSecondResumeIsRefused() {
        String id = harness.start(NS, "pause-manual", Map.of());
        harness.awaitStatus(id, PAUSED);
        harness.send(new ResumeExecution(id));
        harness.await(id);

        harness.send(new ResumeExecution(id));
        harness.awaitQuiet();
        Execution after = harness.execution(id);

        assertThat(after.status()).isEqualTo(SUCCESS);
        assertThat(messages(after)).anyMatch(m -> m.startsWith("resume ignored"));
    }

    @Test
    void aDelayResumesOnItsOwn() {
        Execution e = run("pause-delay");

        assertThat(e.status()).isEqualTo(SUCCESS);
        TaskRun wait = e.taskRun("wait");
        assertThat(wait.state().count(TaskRunStatus.PAUSED)).isEqualTo(1);
        assertThat(wait.state().count(TaskRunStatus.RUNNING)).isEqualTo(2);
        assertThat(Duration.between(wait.state().startDate(), e.taskRun("after").state().startDate()))
            .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(e.header().state().histories()).extracting(StateChange::state).contains(PAUSED);
    }

    @Test
    void aTimeoutFailsThePause() {
        Execution e = run("pause-timeout");

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRun("wait").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRuns("after")).isEmpty();
        assertThat(e.taskRun("on-timeout").status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void pauseDurationResumesOrWarnsAsItsBehaviourSays() {
        Execution e = run("pause-behaviors");

        assertThat(e.status()).isEqualTo(WARNING);
        assertThat(e.taskRun("resume-on-its-own").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(e.taskRun("warn").status()).isEqualTo(TaskRunStatus.WARNING);
        assertThat(e.taskRun("after").status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void aCancellingPauseKillsTheExecution() {
        Execution e = run("pause-cancel");

        assertThat(e.status()).isEqualTo(KILLED);
        assertThat(e.taskRun("cancel").status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(e.taskRuns("after")).isEmpty();
    }

    @Test
    void killingAPausedExecutionEndsIt() {
        String id = harness.start(NS, "pause-manual", Map.of());
        harness.awaitStatus(id, PAUSED);

        harness.send(new KillExecution(id));
        Execution e = harness.await(id);

        assertThat(e.status()).isEqualTo(KILLED);
        assertThat(e.taskRun("approval").status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(e.header().state().histories()).extracting(StateChange::state)
            .containsSubsequence(PAUSED, ExecutionStatus.KILLING, KILLED);
    }
}
