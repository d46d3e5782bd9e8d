package io.millrace.api.templates;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs the api's template renders (inputs' defaults, webhook keys, inputs and conditions) on platform
 * threads. Requests are served on virtual threads, which the JVM never preempts: a render that computes
 * until its deadline would hold one of the few carrier threads (one per core) for two seconds, and a
 * handful of them would leave none for any other request, {@code /api/v1/health} included. On platform
 * threads the operating system shares the cores between renders and everything else, and each render
 * still ends at its own deadline. At most {@link #MAX_RENDERS} run at once; more wait their turn, on
 * their request's virtual thread, which costs no carrier.
 */
public final class RenderThreads {

    /** Renders running at once; each ends at its deadline, so this bounds threads, not time. */
    static final int MAX_RENDERS = 64;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(
        Thread.ofPlatform().name("millrace-api-render-", 0).daemon(true).factory());
    private static final Semaphore SLOTS = new Semaphore(MAX_RENDERS);

    private RenderThreads() {
    }

    /**
     * The result of {@code render}, computed on a platform thread; what it throws is thrown here as it was.
     * An interrupted caller interrupts the render (which stops at its next budget check) and keeps its flag.
     */
    public static <T> T call(Callable<T> render) {
        try {
            SLOTS.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to render a template", e);
        }
        try {
            Future<T> result = THREADS.submit(render);
            try {
                return result.get();
            } catch (InterruptedException e) {
                result.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rendering a template", e);
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case RuntimeException r -> throw r;
                    case Error r -> throw r;
                    default -> throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            SLOTS.release();
        }
    }
}
