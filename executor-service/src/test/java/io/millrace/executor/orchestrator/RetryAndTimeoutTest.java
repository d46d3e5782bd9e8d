package io.millrace.executor.orchestrator;

import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.StateChange;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.RETRIED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/** Task retries (constant, exponential, random, maxDuration, warningOnRetry), new-execution retries, timeouts. */
class RetryAndTimeoutTest extends HarnessTest {

    @Test
    void retriesAreAttemptsOfOneTaskRunWithBackoff() {
        Execution e = run("retry");

        assertThat(e.status()).isEqualTo(FAILED);
        TaskRun flaky = e.taskRun("flaky");
        assertThat(flaky.status()).isEqualTo(TaskRunStatus.WARNING);
        assertThat(flaky.attempts()).extracting(a -> a.state().current())
            .containsExactly(TaskRunStatus.FAILED, TaskRunStatus.FAILED, TaskRunStatus.SUCCESS);
        assertThat(gaps(flaky)).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));

        TaskRun exhausted = e.taskRun("exhausted");
        assertThat(exhausted.status()).isEqualTo(TaskRunStatus.WARNING);
        assertThat(exhausted.attempts()).hasSize(4);
        assertThat(gaps(exhausted)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));

        TaskRun bounded = e.taskRun("bounded");
        assertThat(bounded.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(bounded.attempts()).hasSizeBetween(2, 3);
        Instant first = bounded.attempts().getFirst().state().startDate();
        assertThat(bounded.attempts().getLast().state().startDate()).isBefore(first.plusSeconds(26));
        assertThat(gaps(bounded)).allSatisfy(g -> assertThat(g).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20)));
        assertThat(e.taskRun("handled").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(flaky.state().histories()).extracting(StateChange::state).contains(TaskRunStatus.RETRYING);
    }

    @Test
    void createNewExecutionRetriesStartFreshExecutions() {
        harness.run(NS, "retry-new-execution", Map.of());
        List<Execution> all = awaitSettled("retry-new-execution", 3);

        assertThat(all).extracting(Execution::status).containsExactly(RETRIED, RETRIED, FAILED);
        assertThat(all).extracting(x -> x.header().attemptNumber()).containsExactly(1, 2, 3);
        String original = all.getFirst().id();
        assertThat(all).allSatisfy(x -> assertThat(x.header().originalId() == null ? x.id() : x.header().originalId())
            .isEqualTo(original));
        assertThat(Duration.between(all.get(0).header().state().startDate(), all.get(1).header().scheduleDate()))
            .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aFlowRetryPolicyCanCreateNewExecutions() {
        harness.run(NS, "retry-flow-new-execution", Map.of());
        List<Execution> all = awaitSettled("retry-flow-new-execution", 2);

        assertThat(all).extracting(Execution::status).containsExactly(RETRIED, FAILED);
    }

    @Test
    void aFlowRetryPolicyCanRestartTheFailedTasks() {
        String id = harness.start(NS, "retry-flow-level", Map.of());
        Execution e = harness.await(id, x -> x.status() == SUCCESS, true);

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRun("flaky").attempts()).hasSize(3);
        assertThat(e.taskRun("fine").attempts()).hasSize(1);
        assertThat(e.header().state().count(ExecutionStatus.RESTARTED)).isEqualTo(2);
        assertThat(e.header().state().count(FAILED)).isEqualTo(2);
    }

    @Test
    void aTimeoutStopsTheAttemptAndCountsAsAFailure() {
        long started = System.nanoTime();
        Execution e = run("timeout");

        assertThat(e.status()).isEqualTo(FAILED);
        TaskRun slow = e.taskRun("slow");
        assertThat(slow.attempts()).hasSize(2).allSatisfy(a ->
            assertThat(a.state().current()).isEqualTo(TaskRunStatus.FAILED));
        assertThat(slow.error()).contains("timed out after PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    private List<Execution> awaitSettled(String flowId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Execution> all = harness.executions(NS, flowId);
            if (all.size() == count && all.stream().allMatch(x -> x.status().isTerminal())) {
                return all;
            }
            if (!all.isEmpty()) {
                harness.await(all.getLast().id());
            }
        }
        throw new AssertionError("expected " + count + " ended executions of " + flowId + ", got "
            + harness.executions(NS, flowId).stream().map(Execution::status).toList());
    }

    /** Time from the end of each attempt to the start of the next. */
    private static List<Duration> gaps(TaskRun run) {
        List<TaskRunAttempt> a = run.attempts();
        return java.util.stream.IntStream.range(1, a.size())
            .mapToObj(i -> Duration.between(a.get(i - 1).state().endDate(), a.get(i).state().startDate()))
            .map(d -> d.minusMillis(d.toMillisPart()))
            .toList();
    }
}
