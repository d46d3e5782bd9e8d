package io.millrace.model.command;

import io.millrace.model.Concurrency;

/**
 * A request to the flow's concurrency limiter: take a slot when an execution wants to start,
 * give it back when it ends. The limiter answers with Start/Queue/Reject commands.
 */
public record ConcurrencySlot(Action action, String namespace, String flowId, String executionId, int limit,
                              Concurrency.Behavior behavior) {

    /** Take or give back. */
    public enum Action { ACQUIRE, RELEASE }

    /** The limiter key: one count per flow. */
    public String flowKey() {
        return namespace + "/" + flowId;
    }
}
