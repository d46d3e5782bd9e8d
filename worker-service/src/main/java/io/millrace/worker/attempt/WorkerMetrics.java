package io.millrace.worker.attempt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.millrace.model.execution.TaskRunStatus;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The worker's meters: {@code millrace.worker.slots} (gauge, {@code state} busy or idle) and
 * {@code millrace.worker.attempts} (counter of ended attempts, by {@code status}). Every meter is
 * tagged with the worker id.
 */
public final class WorkerMetrics {

    static final String SLOTS = "millrace.worker.slots";
    static final String ATTEMPTS = "millrace.worker.attempts";

    private final MeterRegistry registry;
    private final String workerId;
    private final Map<TaskRunStatus, Counter> attempts = new EnumMap<>(TaskRunStatus.class);

    /** Meters registered in {@code registry}. */
    public WorkerMetrics(MeterRegistry registry, String workerId) {
        this.registry = registry;
        this.workerId = workerId;
    }

    /** Meters that go nowhere, for a worker in an application without a registry. */
    public static WorkerMetrics none(String workerId) {
        // a composite without member registries records nothing
        return new WorkerMetrics(new CompositeMeterRegistry(), workerId);
    }

    /** Registers the slot gauges of a pool of {@code slots} slots, {@code busy} of them in use. */
    void slots(int slots, IntSupplier busy) {
        // a gauge holds its object weakly: the supplier would be collected, and the gauge read NaN
        Gauge.builder(SLOTS, busy, b -> b.getAsInt())
            .strongReference(true)
            .tag("state", "busy").tag("worker", workerId)
            .description("attempt slots running an attempt")
            .register(registry);
        Gauge.builder(SLOTS, busy, b -> slots - b.getAsInt())
            .strongReference(true)
            .tag("state", "idle").tag("worker", workerId)
            .description("attempt slots free for a new task")
            .register(registry);
    }

    /** Counts an attempt that ended in {@code status}. */
    void ended(TaskRunStatus status) {
        Counter c;
        synchronized (attempts) {
            c = attempts.computeIfAbsent(status, s -> Counter.builder(ATTEMPTS)
                .tag("status", s.name()).tag("worker", workerId)
                .description("attempts ended on this worker, by how they ended")
                .register(registry));
        }
        c.increment();
    }
}
