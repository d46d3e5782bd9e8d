package io.millrace.worker.attempt;

import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.runtime.TaskEvents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An attempt output that keeps everything in memory. {@link #holdReports} makes every report wait
 * until {@link #releaseReports}, like a broker slow to acknowledge.
 */
final class RecordingOutput implements AttemptOutput {

    final List<LogEntry> logs = new CopyOnWriteArrayList<>();
    final List<WorkerTaskResult> results = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void holdReports() {
        gate = new CountDownLatch(1);
    }

    void releaseReports() {
        gate.countDown();
    }

    @Override
    public TaskEvents events() {
        return new TaskEvents() {
            @Override
            public void log(LogEntry entry) {
                logs.add(entry);
            }

            @Override
            public void metric(MetricEntry entry) {
            }
        };
    }

    @Override
    public void report(TaskRun run, WorkerTaskResult result) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        results.add(result);
    }

    WorkerTaskResult result(String taskRunId) {
        return results.stream().filter(r -> r.taskRunId().equals(taskRunId)).findFirst().orElse(null);
    }
}
