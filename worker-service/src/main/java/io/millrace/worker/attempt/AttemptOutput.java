package io.millrace.worker.attempt;

import io.millrace.model.execution.TaskRun;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.runtime.TaskEvents;

/** Where the attempts of a worker send their log lines, metrics and results. */
public interface AttemptOutput {

    /** Where running attempts write log lines and metrics (best effort, asynchronous). */
    TaskEvents events();

    /**
     * Writes how an attempt ended, after everything the attempt logged and measured; returns once the
     * result is stored and retries until then, since a lost result leaves its task run RUNNING forever.
     *
     * @param run the attempt's task run, for a log line when the result itself cannot be written
     * @throws IllegalStateException when the output was closed before the result could be stored
     */
    void report(TaskRun run, WorkerTaskResult result);
}
