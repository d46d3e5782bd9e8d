package io.millrace.executor.orchestrator;

import io.millrace.model.command.KillExecution;
import io.millrace.model.command.ReplayExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.command.ResumeExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.StateChange;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.util.Ids;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/** Restart (same id, failed tasks get a new attempt) and replay (a new execution from a chosen task run). */
class RestartReplayTest extends HarnessTest {

    @Test
    void restartRunsTheFailedTasksAgainUnderTheSameId() {
        Execution failed = run("restart");
        assertThat(failed.status()).isEqualTo(FAILED);
        assertThat(failed.taskRuns()).extracting(TaskRun::taskId)
            .containsExactly("a", "group", "b", "group-error", "flow-error");

        harness.send(new RestartExecution(failed.id()));
        Execution e = harness.await(failed.id(), x -> x.status() == SUCCESS, true);

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly("a", "group", "b", "c", "d");
        assertThat(e.taskRun("b").attempts()).hasSize(2);
        assertThat(e.taskRun("a").attempts()).hasSize(1);
        assertThat(e.taskRun("b").state().histories()).extracting(StateChange::state)
            .containsSubsequence(TaskRunStatus.FAILED, TaskRunStatus.RESTARTED, TaskRunStatus.RUNNING, TaskRunStatus.SUCCESS);
        assertThat(e.header().state().histories()).extracting(StateChange::state).containsExactly(
            ExecutionStatus.CREATED, ExecutionStatus.RUNNING, FAILED, ExecutionStatus.RESTARTED,
            ExecutionStatus.RUNNING, SUCCESS);
    }

    @Test
    void aKilledExecutionCanBeRestarted() {
        String id = harness.start(NS, "pause-manual", Map.of());
        harness.awaitStatus(id, ExecutionStatus.PAUSED);
        harness.send(new KillExecution(id));
        assertThat(harness.await(id).status()).isEqualTo(ExecutionStatus.KILLED);

        harness.send(new RestartExecution(id));
        Execution paused = harness.awaitStatus(id, ExecutionStatus.PAUSED);
        assertThat(paused.taskRun("approval").status()).isEqualTo(TaskRunStatus.PAUSED);

        harness.send(new ResumeExecution(id));
        Execution e = harness.await(id);
        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly("before", "approval", "approved", "after");
    }

    @Test
    void aWarningExecutionCanBeReplayed() {
        Execution source = run("allow-failure");
        assertThat(source.status()).isEqualTo(ExecutionStatus.WARNING);
        String newId = Ids.random();

        harness.send(new ReplayExecution(source.id(), newId, source.taskRun("runnable-allowed").id()));
        Execution fromWarning = harness.await(newId);
        String nestedId = Ids.random();
        harness.send(new ReplayExecution(source.id(), nestedId, source.taskRun("breaks").id()));
        Execution fromNested = harness.await(nestedId);

        assertThat(fromWarning.status()).isEqualTo(ExecutionStatus.WARNING);
        assertThat(fromWarning.taskRun("runnable-allowed").attempts()).hasSize(2);
        assertThat(fromWarning.taskRun("tolerant").id()).isEqualTo(source.taskRun("tolerant").id());
        assertThat(fromNested.status()).isEqualTo(ExecutionStatus.WARNING);
        assertThat(fromNested.taskRun("tolerant").state().histories()).extracting(StateChange::state)
            .containsSubsequence(TaskRunStatus.WARNING, TaskRunStatus.RUNNING, TaskRunStatus.WARNING);
        assertThat(fromNested.taskRun("breaks").attempts()).hasSize(2);
    }

    @Test
    void restartingAKilledExecutionRunsItsKilledTaskAgain() {
        String id = harness.start(NS, "kill-child", Map.of());
        harness.await(id, x -> x.taskRuns("long").size() == 1, false);
        harness.send(new KillExecution(id));
        assertThat(harness.await(id).status()).isEqualTo(ExecutionStatus.KILLED);

        harness.send(new RestartExecution(id));
        Execution again = harness.await(id, x -> x.taskRun("long").attempts().size() == 2
            && x.taskRun("long").status() == TaskRunStatus.RUNNING, false);
        assertThat(again.status()).isEqualTo(ExecutionStatus.RUNNING);

        harness.send(new KillExecution(id));
        Execution e = harness.await(id);
        assertThat(e.status()).isEqualTo(ExecutionStatus.KILLED);
        assertThat(e.taskRun("long").state().histories()).extracting(StateChange::state)
            .containsSubsequence(TaskRunStatus.KILLED, TaskRunStatus.RESTARTED, TaskRunStatus.RUNNING, TaskRunStatus.KILLED);
    }

    @Test
    void restartOfASuccessfulExecutionIsRefused() {
        Execution ok = run("sequential-nested");
        harness.send(new RestartExecution(ok.id()));
        harness.awaitQuiet();
        Execution e = harness.execution(ok.id());

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(messages(e)).anyMatch(m -> m.startsWith("restart ignored"));
    }

    @Test
    void replayFromAFlowableRunsItAgainInANewExecution() {
        Execution source = run("sequential-nested");
        String newId = Ids.random();

        harness.send(new ReplayExecution(source.id(), newId, source.taskRun("inner").id()));
        Execution replay = harness.await(newId);

        assertThat(replay.status()).isEqualTo(SUCCESS);
        assertThat(replay.header().parentId()).isEqualTo(source.id());
        assertThat(replay.taskRuns()).extracting(TaskRun::taskId)
            .containsExactly("outer", "a", "inner", "b", "deepest", "c", "after");
        assertThat(replay.taskRun("a").id()).isEqualTo(source.taskRun("a").id());
        assertThat(replay.taskRun("b").id()).isNotEqualTo(source.taskRun("b").id());
        assertThat(replay.header().state().histories()).extracting(StateChange::state)
            .containsSubsequence(SUCCESS, ExecutionStatus.RESTARTED, ExecutionStatus.RUNNING, SUCCESS);
        assertThat(harness.execution(source.id()).status()).isEqualTo(SUCCESS);
    }

    @Test
    void replayFromARunnableAddsAnAttempt() {
        Execution source = run("sequential-nested");
        String newId = Ids.random();

        harness.send(new ReplayExecution(source.id(), newId, source.taskRun("b").id()));
        Execution replay = harness.await(newId);

        assertThat(replay.status()).isEqualTo(SUCCESS);
        assertThat(replay.taskRun("b").attempts()).hasSize(2);
        assertThat(replay.taskRun("c").outputs()).containsEntry("value", "abc");
    }

    @Test
    void replayOfAFailedExecutionFromItsFailedTask() {
        Execution source = run("restart");
        String newId = Ids.random();

        harness.send(new ReplayExecution(source.id(), newId, source.taskRun("b").id()));
        Execution replay = harness.await(newId);

        assertThat(replay.status()).isEqualTo(SUCCESS);
        assertThat(replay.taskRuns()).extracting(TaskRun::taskId).containsExactly("a", "group", "b", "c", "d");
    }

    @Test
    void replayFromTheStartReusesTheInputs() {
        Execution source = run("if-switch", Map.of("flag", "true"));
        String newId = Ids.random();

        harness.send(new ReplayExecution(source.id(), newId, null));
        Execution replay = harness.await(newId);

        assertThat(replay.status()).isEqualTo(SUCCESS);
        assertThat(replay.header().inputs()).isEqualTo(source.header().inputs());
        assertThat(replay.taskRuns()).extracting(TaskRun::taskId).contains("yes");
    }
}
