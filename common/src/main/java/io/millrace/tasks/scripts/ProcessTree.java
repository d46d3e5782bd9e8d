package io.millrace.tasks.scripts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started. Children are signalled first so that a shell still
 * alive reaps them (a child killed after its parent becomes an orphan zombie wherever PID 1 does
 * not reap); then the process itself; whatever ignores SIGTERM for {@link #GRACE} gets SIGKILL.
 */
final class ProcessTree {

    /** How long a shell gets to notice its children died and exit by itself ({@code set -e}). */
    private static final Duration SHELL_GRACE = Duration.ofMillis(500);
    /** How long the tree gets to exit after SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration FORCED_WAIT = Duration.ofSeconds(5);

    private ProcessTree() {
    }

    /**
     * Terminates {@code process} and its descendants, and waits until {@code process} has exited.
     * Keeps the calling thread's interrupt status as it was on entry, or set if interrupted while waiting.
     */
    static void kill(Process process) {
        boolean interrupted = false;
        List<ProcessHandle> known = new ArrayList<>(process.descendants().toList());
        known.forEach(ProcessHandle::destroy);
        try {
            if (!known.isEmpty()) {
                waitFor(process, SHELL_GRACE);
            }
            if (process.isAlive()) {
                addNew(known, process);
                known.forEach(ProcessHandle::destroy);
                process.destroy();
                waitFor(process, GRACE);
            }
        } catch (InterruptedException e) {
            interrupted = true; // asked to stop again: skip the grace and force it
        }
        if (process.isAlive()) {
            addNew(known, process);
            process.destroyForcibly();
        }
        // descendants that outlived the grace (or an orphan that ignores SIGTERM) get no second chance
        known.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            waitFor(process, FORCED_WAIT);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void addNew(List<ProcessHandle> known, Process process) {
        process.descendants().filter(h -> !known.contains(h)).forEach(known::add);
    }

    private static void waitFor(Process process, Duration timeout) throws InterruptedException {
        process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
