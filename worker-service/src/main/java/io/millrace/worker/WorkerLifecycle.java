package io.millrace.worker;

import org.springframework.context.SmartLifecycle;

/**
 * Ties a {@link Worker} to a Spring application context. Stopping blocks for as long as the worker's
 * graceful shutdown takes (its attempt wait and an eighth more, then closing), so that no attempt is left
 * unreported when the context goes on closing.
 */
public final class WorkerLifecycle implements SmartLifecycle {

    private final Worker worker;

    public WorkerLifecycle(Worker worker) {
        this.worker = worker;
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.close();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
