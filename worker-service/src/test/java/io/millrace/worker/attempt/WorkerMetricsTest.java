package io.millrace.worker.attempt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.model.execution.TaskRunStatus;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's meters. */
class WorkerMetricsTest {

    @Test
    void slotGaugesKeepReadingAfterAGarbageCollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger busy = new AtomicInteger(1);
        new WorkerMetrics(registry, "w1").slots(4, busy::get);

        System.gc(); // the supplier above is referenced by the gauges only

        assertThat(registry.get(WorkerMetrics.SLOTS).tag("state", "busy").tag("worker", "w1").gauge().value())
            .isEqualTo(1.0);
        assertThat(registry.get(WorkerMetrics.SLOTS).tag("state", "idle").gauge().value()).isEqualTo(3.0);
    }

    @Test
    void attemptsAreCountedByStatus() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry, "w1");

        metrics.ended(TaskRunStatus.SUCCESS);
        metrics.ended(TaskRunStatus.SUCCESS);
        metrics.ended(TaskRunStatus.RESUBMITTED);

        assertThat(registry.get(WorkerMetrics.ATTEMPTS).tag("status", "SUCCESS").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(WorkerMetrics.ATTEMPTS).tag("status", "RESUBMITTED").counter().count()).isEqualTo(1.0);
    }
}
