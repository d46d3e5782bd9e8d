package io.millrace.model.worker;

import java.time.Instant;

/**
 * One incarnation of a worker declared dead by the executor's dead-worker detector: its partitions went
 * to other workers and it did not announce itself in that generation, it restarted under a new
 * incarnation, it stopped, or it sent no heartbeat for the liveness timeout. Each executor task sends
 * the attempts that incarnation still held again; the worker itself, if it still runs, stops them.
 *
 * @param reason why it was declared dead, in words, for logs and task-run histories
 */
public record DeadWorker(String workerId, String incarnation, String host, String workerGroup, String reason,
                         Instant declaredAt) {

    public DeadWorker {
        incarnation = incarnation == null ? "" : incarnation;
    }

    /** {@code workerId} and, when it has one, the host it ran on: how messages name the worker. */
    public String describe() {
        return "worker " + workerId + (host == null || host.isBlank() ? "" : " on " + host);
    }
}
