package io.millrace.executor.kafka;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executions for which the broker refused a record the executor wrote. Under exactly-once, a refused
 * record aborts the whole transaction and the stream processes the same inputs again; without a memory it
 * would fail the same way for ever and stall every execution of the partition. The production error
 * handler notes the execution the refused record belonged to (its key says); when the processor next
 * handles an event of that execution, it fails the execution instead of repeating what was refused, and if
 * even that is refused, it sets the event aside. Shared by every stream thread of one executor process.
 */
public final class PoisonRecords {

    /** One instance per Kafka Streams application id in this process, found by {@link ExecutorProductionErrors}. */
    private static final Map<String, PoisonRecords> BY_APPLICATION = new ConcurrentHashMap<>();
    /** Beyond this many, the memory starts again (a refused write is rare). */
    private static final int MAX = 10_000;

    /**
     * What the broker refused for one execution, how many times so far, and whether the last refusal has
     * been dealt with (the refusals are counted on, so that a failure that is refused too is not retried).
     */
    record Poison(String reason, int refusals, boolean handled) {
    }

    private final Map<String, Poison> executions = new ConcurrentHashMap<>();
    /** Send failures already handled, by identity (the producer fails a transaction's other records with the same one). */
    private final Set<Throwable> failures = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /** The instance of the application {@code applicationId} in this process. */
    public static PoisonRecords of(String applicationId) {
        return BY_APPLICATION.computeIfAbsent(applicationId, id -> new PoisonRecords());
    }

    /** The broker refused a record of execution {@code executionId}. */
    void refused(String executionId, String reason) {
        if (executions.size() >= MAX) {
            executions.clear();
        }
        executions.merge(executionId, new Poison(reason, 1, false),
            (before, now) -> new Poison(reason, before.refusals() + 1, false));
    }

    /**
     * Whether this send failure is met for the first time. A transactional producer fails every record still
     * waiting in a failed transaction with the exception of the first failure: only its first sight concerns
     * the record that caused it.
     */
    boolean firstSight(Throwable failure) {
        return failures.add(failure);
    }

    /** What was refused for this execution and not dealt with yet, or null. */
    Poison pending(String executionId) {
        Poison p = executions.get(executionId);
        return p == null || p.handled() ? null : p;
    }

    /** The execution was failed (or its event set aside) in a decision that was written. */
    void dealtWith(String executionId) {
        executions.computeIfPresent(executionId, (id, p) -> new Poison(p.reason(), p.refusals(), true));
    }
}
