package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.StateChange;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.KILLED;
import static io.millrace.model.execution.ExecutionStatus.PAUSED;
import static io.millrace.model.execution.ExecutionStatus.QUEUED;
import static io.millrace.model.execution.ExecutionStatus.RUNNING;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static io.millrace.model.execution.ExecutionStatus.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Abort: the executor fails an execution from outside (unknown revision, records too large, a bug).
 * Everything stops, nothing else runs, a waiting parent learns why, the concurrency slot is given back.
 */
class AbortTest extends HarnessTest {

    private static final String WHY = "its records are larger than Kafka accepts";

    @Test
    void abortingARunningExecutionStopsItsTasksAndChildrenAndFailsIt() {
        String id = harness.start(NS, "kill", Map.of());
        harness.await(id, e -> e.taskRuns("long").size() == 1 && runningChild(e) != null, false);
        String child = runningChild(harness.execution(id));

        harness.abort(id, WHY);
        Execution e = harness.await(id);

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.header().state().histories()).extracting(StateChange::state).endsWith(RUNNING, FAILED);
        TaskRun sleeping = e.taskRun("long");
        assertThat(sleeping.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(sleeping.error()).isEqualTo(WHY);
        assertThat(sleeping.lastAttempt().state().current()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRun("child").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRun("both").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRuns("never")).isEmpty();
        assertThat(e.taskRuns("not-on-kill")).as("errors tasks do not run").isEmpty();
        assertThat(harness.logs(id)).filteredOn(l -> l.taskRunId() == null)
            .extracting(LogEntry::level, LogEntry::message).contains(tuple(LogLevel.ERROR, WHY));
        assertThat(harness.await(child).status()).isEqualTo(KILLED);
    }

    @Test
    void anAbortedChildFailsTheSubflowTaskWithTheReasonAndTheParentGoesOn() {
        String parent = harness.start(NS, "abort-parent", Map.of());
        harness.await(parent, e -> runningChild(e, "call") != null
            && harness.execution(runningChild(e, "call")) != null, false);
        String child = runningChild(harness.execution(parent), "call");

        harness.abort(child, WHY);
        Execution p = harness.await(parent);

        assertThat(harness.execution(child).status()).isEqualTo(FAILED);
        assertThat(p.status()).isEqualTo(WARNING);
        assertThat(p.taskRun("call").status()).as("allowFailure").isEqualTo(TaskRunStatus.WARNING);
        assertThat(p.taskRun("call").error()).isEqualTo("subflow execution " + child + " failed: " + WHY);
        assertThat(p.taskRun("after").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(messages(p)).contains("subflow execution " + child + " failed: " + WHY);
    }

    @Test
    void aPausedExecutionCanBeAborted() {
        String id = harness.start(NS, "pause-manual", Map.of());
        harness.awaitStatus(id, PAUSED);

        harness.abort(id, WHY);
        Execution e = harness.await(id);

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRun("approval").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRuns("after")).isEmpty();
    }

    @Test
    void aTaskRunWaitingToRetryEndsKilled() {
        harness.holdTimers();
        String id = harness.start(NS, "retry", Map.of());
        harness.await(id, e -> e.taskRuns("flaky").size() == 1
            && e.taskRun("flaky").status() == TaskRunStatus.RETRYING, false);

        harness.abort(id, WHY);
        harness.releaseTimers();
        Execution e = harness.await(id);

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRun("flaky").status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(e.taskRun("flaky").attempts()).as("no retry after the abort").hasSize(1);
        assertThat(e.taskRuns("handled")).isEmpty();
    }

    @Test
    void aQueuedExecutionCanBeAbortedAndGivesItsPlaceBack() {
        harness.holdTimers();
        String first = harness.start(NS, "concurrency-queue", Map.of());
        String second = harness.start(NS, "concurrency-queue", Map.of());
        String third = harness.start(NS, "concurrency-queue", Map.of());
        harness.awaitStatus(third, QUEUED);

        harness.abort(second, WHY);
        harness.awaitStatus(second, FAILED);
        harness.releaseTimers();

        assertThat(harness.await(first).status()).isEqualTo(SUCCESS);
        assertThat(harness.await(third).status()).isEqualTo(SUCCESS);
    }

    @Test
    void anAbortedRunningExecutionGivesItsSlotBack() {
        harness.holdTimers();
        String first = harness.start(NS, "concurrency-queue", Map.of());
        String second = harness.start(NS, "concurrency-queue", Map.of());
        harness.awaitStatus(second, QUEUED);

        harness.abort(first, WHY);
        harness.await(second, e -> e.status() == RUNNING || e.status() == PAUSED, false);
        harness.releaseTimers();

        assertThat(harness.await(first).status()).isEqualTo(FAILED);
        assertThat(harness.await(second).status()).isEqualTo(SUCCESS);
    }

    private static String runningChild(Execution e) {
        return runningChild(e, "child");
    }

    private static String runningChild(Execution e, String taskId) {
        if (e.taskRuns(taskId).isEmpty() || e.taskRun(taskId).plan() == null) {
            return null;
        }
        return (String) e.taskRun(taskId).plan().get("executionId");
    }
}
