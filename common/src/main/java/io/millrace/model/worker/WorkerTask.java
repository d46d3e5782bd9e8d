package io.millrace.model.worker;

import io.millrace.model.execution.TaskRun;
import io.millrace.tasks.Task;

import java.util.Map;

/**
 * A runnable task sent to a worker: the task run (its last attempt is the one to run), the task
 * definition, and a snapshot of the variables its templates may read.
 */
public record WorkerTask(TaskRun taskRun, Task task, Map<String, Object> variables) {

    /** The attempt to run (1 for the first). */
    public int attempt() {
        return taskRun.attemptNumber();
    }
}
