package io.millrace.executor.orchestrator;

import io.millrace.model.command.KillExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.StateChange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.CANCELLED;
import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.KILLED;
import static io.millrace.model.execution.ExecutionStatus.QUEUED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/** Flow concurrency limits: QUEUE, CANCEL, FAIL, and slots given back on every end. */
class ConcurrencyTest extends HarnessTest {

    @Test
    void overTheLimitExecutionsQueueAndStartWhenASlotFrees() {
        harness.holdTimers();
        String first = harness.start(NS, "concurrency-queue", Map.of());
        String second = harness.start(NS, "concurrency-queue", Map.of());
        harness.awaitStatus(second, QUEUED);
        harness.releaseTimers();

        Execution a = harness.await(first);
        Execution b = harness.await(second);

        assertThat(a.status()).isEqualTo(SUCCESS);
        assertThat(b.status()).isEqualTo(SUCCESS);
        assertThat(b.header().state().histories()).extracting(StateChange::state)
            .startsWith(ExecutionStatus.CREATED, QUEUED, ExecutionStatus.RUNNING);
        assertThat(b.header().state().lastDateOf(ExecutionStatus.RUNNING))
            .isAfterOrEqualTo(a.header().state().endDate());
    }

    @Test
    void overTheLimitExecutionsAreCancelled() {
        harness.holdTimers();
        String first = harness.start(NS, "concurrency-cancel", Map.of());
        String second = harness.start(NS, "concurrency-cancel", Map.of());

        assertThat(harness.await(second).status()).isEqualTo(CANCELLED);
        harness.releaseTimers();
        assertThat(harness.await(first).status()).isEqualTo(SUCCESS);
    }

    @Test
    void overTheLimitExecutionsFail() {
        harness.holdTimers();
        String first = harness.start(NS, "concurrency-fail", Map.of());
        String second = harness.start(NS, "concurrency-fail", Map.of());

        Execution b = harness.await(second);
        harness.releaseTimers();
        assertThat(b.status()).isEqualTo(FAILED);
        assertThat(messages(b)).anyMatch(m -> m.contains("concurrency limit of 1"));
        assertThat(harness.await(first).status()).isEqualTo(SUCCESS);
    }

    @Test
    void aKilledQueuedExecutionGivesItsPlaceBack() {
        harness.holdTimers();
        String first = harness.start(NS, "concurrency-queue", Map.of());
        String second = harness.start(NS, "concurrency-queue", Map.of());
        String third = harness.start(NS, "concurrency-queue", Map.of());
        harness.awaitStatus(second, QUEUED);
        harness.awaitStatus(third, QUEUED);

        harness.send(new KillExecution(second));
        harness.awaitStatus(second, KILLED);
        harness.releaseTimers();

        assertThat(harness.await(second).status()).isEqualTo(KILLED);
        assertThat(harness.await(first).status()).isEqualTo(SUCCESS);
        assertThat(harness.await(third).status()).isEqualTo(SUCCESS);
    }
}
