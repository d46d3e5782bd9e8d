package io.millrace.api.flows;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per flow, so that writes of one flow follow each other while writes of different flows
 * go on side by side. Striped: a fixed set of locks chosen by the flow's key, so nothing grows with
 * the number of flows; two flows sharing a stripe only wait for each other's write, never for a parse.
 */
final class FlowLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    FlowLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Runs {@code write} holding the lock of flow {@code namespace.id}. */
    <T> T locked(String namespace, String id, Supplier<T> write) {
        ReentrantLock lock = stripes[Math.floorMod((namespace + "/" + id).hashCode(), STRIPES)];
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }
}
