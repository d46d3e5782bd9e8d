package io.millrace.executor.orchestrator;

import io.millrace.model.Flow;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.CreateReplayedExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;

/** Where a shell of the orchestrator (the Kafka executor, the in-process harness) finds flow revisions. */
public interface FlowLookup {

    /** The flow at {@code revision} (its latest when null), or null when unknown or deleted. */
    Flow get(String namespace, String id, Integer revision);

    /**
     * The flow revision {@code event} is to be applied with: the one an existing execution runs, or the one
     * a creation names; null when there is none.
     */
    default Flow flowFor(Event event, ExecutionState state) {
        if (state != null) {
            ExecutionHeader h = state.header();
            return get(h.namespace(), h.flowId(), h.flowRevision());
        }
        if (event instanceof Event.Command(CreateExecution c)) {
            return get(c.namespace(), c.flowId(), c.revision());
        }
        if (event instanceof Event.Command(CreateReplayedExecution c)) {
            return get(c.header().namespace(), c.header().flowId(), c.header().flowRevision());
        }
        return null;
    }
}
