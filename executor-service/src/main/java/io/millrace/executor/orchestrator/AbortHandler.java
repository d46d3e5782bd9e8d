package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.command.KillExecution;
import io.millrace.model.command.ReplayExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.flow.Subflow;

import java.time.Instant;

/**
 * Ends an execution FAILED from outside its own logic ({@link Event.Abort}): every task run that has
 * not ended ends (running attempts are stopped on their workers, runs waiting to retry are KILLED,
 * the others FAILED), running child executions are killed, a waiting parent is told and the
 * concurrency slot is given back. It reads the execution's records only, never the flow, which may
 * be unknown; and it adds nothing but state changes and the bounded reason, because the Kafka
 * executor also uses it when an execution's records are already too large to write. Nothing else
 * runs: no {@code errors} or {@code finally} tasks, no flow outputs, no retry.
 */
final class AbortHandler {

    /** The longest reason kept (longer ones are cut), so that an abort makes no record grow by much. */
    static final int MAX_REASON_CHARS = 2_000;

    void handle(Event.Abort abort, ExecutionStep step) {
        ExecutionHeader h = step.header();
        if (h.status().isTerminal()) {
            return;
        }
        String reason = bounded(abort.reason());
        for (TaskRun r : step.state().taskRuns()) {
            if (!r.status().isTerminal()) {
                step.put(stop(r, reason, step));
            }
        }
        step.log(null, LogLevel.ERROR, reason);
        if (h.status() == ExecutionStatus.RESTARTED) {
            step.setStatus(ExecutionStatus.RUNNING);
        }
        step.setStatus(ExecutionStatus.FAILED);
        step.tellParent(ExecutionStatus.FAILED, null, null, reason);
        step.releaseSlot();
    }

    /**
     * An event for an execution whose flow revision the executor does not know (its record was
     * removed from {@code flow_revisions}, or cannot be read): a running execution cannot go on and is
     * aborted; for an ended one, what would run it again is refused with a log line, and anything
     * else is stale.
     */
    void withoutFlow(Event event, ExecutionStep step) {
        ExecutionHeader h = step.header();
        String unknown = "flow " + h.namespace() + "/" + h.flowId() + " revision " + h.flowRevision()
            + " is not known to the executor (deleted from flow_revisions?)";
        if (!h.status().isTerminal()) {
            handle(new Event.Abort(h.id(), unknown), step);
            return;
        }
        String refused = switch (event) {
            case Event.Command(RestartExecution c) -> "restart";
            case Event.Command(ReplayExecution c) -> "replay";
            case Event.TimerDue(Timer t) when t.kind() == Timer.Kind.FLOW_RETRY -> "retry";
            default -> null;
        };
        if (refused != null) {
            step.log(null, LogLevel.WARN, refused + " ignored: " + unknown);
        }
    }

    private static TaskRun stop(TaskRun r, String reason, ExecutionStep step) {
        Instant now = step.now();
        TaskRun ended = switch (r.status()) {
            case RETRYING -> r.to(TaskRunStatus.KILLED, now);
            case RUNNING -> {
                TaskRunAttempt attempt = r.lastAttempt();
                String child = r.plan() == null ? null : (String) r.plan().get(Subflow.CHILD_ID);
                TaskRun run = r;
                if (attempt != null && attempt.state().current() == TaskRunStatus.RUNNING) {
                    step.killAttempt(r);
                    run = r.withLastAttempt(attempt.to(TaskRunStatus.FAILED, now));
                } else if (child != null) {
                    step.commands.add(new KillExecution(child));
                }
                yield run.to(TaskRunStatus.FAILED, now);
            }
            // a restarted run is sent again within the step that restarts it: never stored as such
            case RESTARTED -> r.to(TaskRunStatus.RUNNING, now).to(TaskRunStatus.FAILED, now);
            default -> r.to(TaskRunStatus.FAILED, now); // CREATED, PAUSED
        };
        return ended.withError(reason);
    }

    private static String bounded(String reason) {
        String r = reason == null || reason.isBlank() ? "aborted" : reason;
        return r.length() <= MAX_REASON_CHARS ? r : r.substring(0, MAX_REASON_CHARS) + "…";
    }
}
