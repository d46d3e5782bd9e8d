package io.millrace.api.store;

import io.millrace.model.execution.Execution;

import java.time.Duration;
import java.util.Optional;

/** Executions as indexed: the header with every task run. */
public interface ExecutionStore {

    /** The execution with this id, with its task runs in creation order. */
    Optional<Execution> find(String executionId);

    /** How long an execution just created may take to be indexed: the api looks for it again until then. */
    Duration NEW_EXECUTION_WAIT = Duration.ofSeconds(2);

    /**
     * The execution with this id, looked for again for up to {@link #NEW_EXECUTION_WAIT}: one just created
     * may not be indexed yet. Empty when it is still not found, or the thread is interrupted meanwhile.
     */
    default Optional<Execution> findRecent(String executionId) {
        long deadline = System.nanoTime() + NEW_EXECUTION_WAIT.toNanos();
        while (true) {
            Optional<Execution> found = find(executionId);
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Executions matching {@code query}, newest start first unless {@code paging} sorts otherwise. */
    ResultPage<Execution> search(ExecutionQuery query, Paging paging);
}
