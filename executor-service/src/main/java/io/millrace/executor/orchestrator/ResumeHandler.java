package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.command.ResumeExecution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;

/** A user resumes a paused execution: every paused task run carries on; the execution is RESTARTED, then runs. */
final class ResumeHandler {

    void handle(ResumeExecution c, ExecutionStep step) {
        if (step.header().status() != ExecutionStatus.PAUSED) {
            step.log(null, LogLevel.WARN, "resume ignored: the execution is " + step.header().status()
                + ", not PAUSED");
            return;
        }
        for (TaskRun r : step.state().taskRuns()) {
            if (r.status() == TaskRunStatus.PAUSED) {
                step.put(r.to(TaskRunStatus.RUNNING, step.now()));
                step.enqueue(r.id(), null);
                step.log(r, LogLevel.INFO, "resumed");
            }
        }
        step.setStatus(ExecutionStatus.RESTARTED);
    }
}
