package io.millrace.worker.attempt;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a worker under its id. The attempts a worker takes are recorded under its current
 * incarnation; when the executor declares that incarnation dead (its attempts were sent again elsewhere),
 * the worker stops those attempts and goes on as a new incarnation, so that what it takes from then on is
 * not mistaken for what the dead one held.
 */
public final class Incarnation {

    private final AtomicReference<String> current = new AtomicReference<>(next());

    /** The current incarnation. */
    public String current() {
        return current.get();
    }

    /**
     * Starts a new incarnation if {@code dead} is the current one.
     *
     * @return whether it was (and the worker must stop the attempts {@code dead} held)
     */
    public boolean renewIfCurrent(String dead) {
        String now = current.get();
        // compareAndSet compares references: the verdict's string is another instance than ours
        return now.equals(dead) && current.compareAndSet(now, next());
    }

    private static String next() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
