package io.millrace.api.store;

import io.millrace.model.execution.Execution;

import java.util.Optional;

/** Executions as indexed: the header with every task run. */
public interface ExecutionStore {

    /** The execution with this id, with its task runs in creation order. */
    Optional<Execution> find(String executionId);

    /** Executions matching {@code query}, newest start first unless {@code paging} sorts otherwise. */
    ResultPage<Execution> search(ExecutionQuery query, Paging paging);
}
