package io.millrace.system;

import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.Execution;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Runs a scenario the same way on the in-process harness and on the services over Kafka. */
interface Runner {

    String start(String flowId, Map<String, Object> inputs);

    /** Waits until the execution ended (or, on the harness, can go no further on its own). */
    Execution await(String id);

    Execution awaitUntil(String id, Predicate<Execution> condition);

    void send(ExecutionCommand command);

    /** Keeps timers from firing (the harness's virtual clock would otherwise jump over a waiting state). */
    default void holdTimers() {
    }

    default void releaseTimers() {
    }

    /** Every execution of a flow, oldest first, once they have all ended. */
    List<Execution> ended(String flowId, int count);
}
