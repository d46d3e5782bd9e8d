package io.millrace.triggers;

import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.StateChange;

/** Which ends of an execution evaluate Flow triggers, and how the ends of one execution are told apart. */
public final class TriggeringEnd {

    private TriggeringEnd() {
    }

    /**
     * Whether an execution that ended in {@code status} evaluates Flow triggers. RETRIED does not:
     * a new execution replaces the failed one and triggers when it ends in its turn.
     */
    public static boolean triggers(ExecutionStatus status) {
        return switch (status) {
            case SUCCESS, WARNING, FAILED, KILLED, CANCELLED -> true;
            case CREATED, QUEUED, RUNNING, PAUSED, RESTARTED, KILLING, RETRIED -> false;
        };
    }

    /**
     * How many times the execution has ended so far (1 for its first end, 2 once a restart ended
     * again…), so that each end starts its own executions and a repeated record of one end does not.
     */
    public static int endNumber(ExecutionHeader header) {
        int ends = 0;
        for (StateChange<ExecutionStatus> change : header.state().histories()) {
            if (change.state().isTerminal()) {
                ends++;
            }
        }
        return ends;
    }
}
