package io.millrace.model.worker;

/**
 * Stop attempt {@code attempt} of a task run. A worker that runs it interrupts it; a worker that
 * has not started it yet remembers the kill and reports the attempt KILLED without running it.
 */
public record KillTaskRun(String executionId, String taskRunId, int attempt) {
}
