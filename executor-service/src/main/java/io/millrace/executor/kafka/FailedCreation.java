package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Decision;
import io.millrace.model.LogLevel;
import io.millrace.model.command.CompleteSubflowTask;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;

import java.time.Instant;
import java.util.List;

/**
 * The decision that stands in for a creation whose records would not fit in Kafka: the execution
 * exists, FAILED at once, without task runs and without outputs, with the reason as its one log line; a
 * parent execution waiting on it as a subflow is told.
 */
final class FailedCreation {

    private FailedCreation() {
    }

    static Decision of(ExecutionHeader created, String reason, Instant now) {
        ExecutionHeader failed = created.withOutputs(null).to(ExecutionStatus.FAILED, now);
        LogEntry line = new LogEntry(failed.namespace(), failed.flowId(), failed.id(), null, null, null, now,
            LogLevel.ERROR, "the execution cannot start: " + reason, "executor");
        List<ExecutionCommand> commands = failed.parentTask() == null ? List.of()
            : List.of(new CompleteSubflowTask(failed.parentTask().executionId(), failed.parentTask().taskRunId(),
                failed.id(), ExecutionStatus.FAILED, null, null, "the subflow execution cannot start: " + reason));
        return new Decision(failed, List.of(), List.of(), List.of(), commands, List.of(line), List.of(), List.of(),
            List.of());
    }
}
