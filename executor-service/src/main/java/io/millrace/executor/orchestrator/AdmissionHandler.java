package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.command.QueueExecution;
import io.millrace.model.command.RejectExecution;
import io.millrace.model.command.StartExecution;
import io.millrace.model.execution.ExecutionStatus;

/**
 * Applies the concurrency limiter's answer to an execution waiting to start: start it, queue it,
 * or end it CANCELLED / FAILED. An answer for an execution that is no longer waiting (killed
 * meanwhile) gives its slot back.
 */
final class AdmissionHandler {

    void start(StartExecution c, ExecutionStep step) {
        ExecutionStatus s = step.header().status();
        if (s == ExecutionStatus.CREATED || s == ExecutionStatus.QUEUED) {
            step.begin();
        } else {
            step.releaseSlot();
        }
    }

    void queue(QueueExecution c, ExecutionStep step) {
        if (step.header().status() == ExecutionStatus.CREATED) {
            step.setStatus(ExecutionStatus.QUEUED);
            step.log(null, LogLevel.INFO, "queued: the flow's concurrency limit is reached");
        }
    }

    void reject(RejectExecution c, ExecutionStep step) {
        if (step.header().status() != ExecutionStatus.CREATED) {
            return;
        }
        step.log(null, c.status() == ExecutionStatus.FAILED ? LogLevel.ERROR : LogLevel.WARN, c.reason());
        step.setStatus(c.status());
        step.tellParent(c.status(), null, null, null);
    }
}
