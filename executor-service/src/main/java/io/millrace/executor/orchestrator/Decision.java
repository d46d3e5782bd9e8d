package io.millrace.executor.orchestrator;

import io.millrace.model.command.ConcurrencySlot;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;

import java.util.List;

/**
 * Everything one event changed and asked for. The caller (the Kafka executor, or the in-process
 * harness) stores the changed records and sends the rest; the orchestrator itself does no I/O.
 *
 * @param header           the new header, or null when it did not change
 * @param taskRuns         task runs created or changed, in creation order
 * @param removedTaskRuns  ids of task runs a restart or replay dropped
 * @param workerTasks      runnable tasks to send to workers
 * @param commands         commands for other executions (subflows, retries, replays)
 * @param logs             log lines the orchestrator wrote (render errors, retries…)
 * @param timers           wake-ups to schedule
 * @param killTaskRuns     attempts workers must stop
 * @param concurrency      slots to take or give back
 */
public record Decision(
    ExecutionHeader header,
    List<TaskRun> taskRuns,
    List<String> removedTaskRuns,
    List<WorkerTask> workerTasks,
    List<ExecutionCommand> commands,
    List<LogEntry> logs,
    List<Timer> timers,
    List<KillTaskRun> killTaskRuns,
    List<ConcurrencySlot> concurrency
) {

    /** A decision that changes nothing (a duplicate or stale event). */
    public static final Decision NONE = new Decision(null, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of());

    public boolean isEmpty() {
        return header == null && taskRuns.isEmpty() && removedTaskRuns.isEmpty() && workerTasks.isEmpty()
            && commands.isEmpty() && logs.isEmpty() && timers.isEmpty() && killTaskRuns.isEmpty()
            && concurrency.isEmpty();
    }
}
