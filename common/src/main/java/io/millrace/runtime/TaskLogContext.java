package io.millrace.runtime;

import io.millrace.model.execution.TaskRun;
import org.slf4j.MDC;

import java.util.List;

/**
 * The ids of the task run a thread works for, in the logging context (SLF4J's MDC) while it works: every
 * line the process logs meanwhile carries them, as fields of JSON console logs
 * ({@code logging.structured.format.console}) or wherever a pattern names them ({@code %X{executionId}}).
 */
public final class TaskLogContext implements AutoCloseable {

    /** The keys, as they appear in a log line's context. */
    public static final List<String> KEYS = List.of("namespace", "flowId", "executionId", "taskId", "taskRunId",
        "attempt");

    private TaskLogContext() {
    }

    /** Puts the ids of {@code run} (and its attempt) in this thread's logging context until closed. */
    public static TaskLogContext open(TaskRun run) {
        MDC.put("namespace", run.namespace());
        MDC.put("flowId", run.flowId());
        MDC.put("executionId", run.executionId());
        MDC.put("taskId", run.taskId());
        MDC.put("taskRunId", run.id());
        MDC.put("attempt", String.valueOf(run.attemptNumber()));
        return new TaskLogContext();
    }

    @Override
    public void close() {
        KEYS.forEach(MDC::remove);
    }
}
