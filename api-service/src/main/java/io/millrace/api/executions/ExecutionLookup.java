package io.millrace.api.executions;

import io.millrace.api.store.ExecutionStore;
import io.millrace.model.execution.Execution;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Finds an execution in the search store, allowing for one just created that the indexer has not
 * written yet: it is looked for again for a moment before it counts as missing.
 */
public final class ExecutionLookup {

    /** How long a just-created execution is looked for in the store before it is missing. */
    public static final Duration NEW_EXECUTION_WAIT = Duration.ofSeconds(2);

    private static final long POLL_MILLIS = 100;

    private ExecutionLookup() {
    }

    /**
     * The execution as the store has it, or empty once {@link #NEW_EXECUTION_WAIT} has passed, or as
     * soon as {@code knownElsewhere} says it exists (a live view saw it) without the store having it yet.
     */
    public static Optional<Execution> find(ExecutionStore store, String executionId, BooleanSupplier knownElsewhere) {
        long deadline = System.nanoTime() + NEW_EXECUTION_WAIT.toNanos();
        while (true) {
            Optional<Execution> found = store.find(executionId);
            if (found.isPresent() || knownElsewhere.getAsBoolean() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
