package io.millrace.runtime;

import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;

/** Where a running task's log lines and metrics go (a Kafka topic on a worker, a list in tests). */
public interface TaskEvents {

    void log(LogEntry entry);

    void metric(MetricEntry entry);
}
