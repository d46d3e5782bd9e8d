package io.millrace.shutdown;

import java.util.Optional;

/**
 * A part of a service that says, while its process stops, what it has not finished yet: the process
 * names it on the one line it prints when it exits at the end of its grace period without having
 * stopped cleanly.
 */
@FunctionalInterface
public interface ShutdownProgress {

    /**
     * What this part is still doing, in a few words ("worker w1: 2 task attempts running"); empty when
     * it has nothing left to do (stopped, or never started).
     */
    Optional<String> unfinished();
}
