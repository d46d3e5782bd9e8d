package io.millrace.tasks.scripts;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started: its descendants and, when it leads a process group of its
 * own, every process of that group, including background jobs whose parent already exited. Children are
 * signalled first so that a shell still alive reaps them (a child killed after its parent becomes an
 * orphan zombie wherever PID 1 does not reap); then the process itself; whatever ignores SIGTERM for
 * {@link #GRACE} gets SIGKILL. A process that left the group ({@code setsid}, a daemon's double fork) and
 * is no longer a descendant escapes: only a cgroup would hold it.
 */
final class ProcessTree {

    /** How long a shell gets to notice its children died and exit by itself ({@code set -e}). */
    private static final Duration SHELL_GRACE = Duration.ofMillis(500);
    /** How long the tree gets to exit after SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration FORCED_WAIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;
    private static final Path PROC = Path.of("/proc");

    private ProcessTree() {
    }

    /**
     * Terminates {@code process}, its descendants and, if {@code group} is positive, the processes of that
     * group, and waits until {@code process} has exited. Keeps the calling thread's interrupt status as it was
     * on entry, or set if interrupted while waiting.
     */
    static void kill(Process process, long group) {
        boolean interrupted = false;
        Set<ProcessHandle> known = new LinkedHashSet<>();
        addMembers(known, process, group);
        known.forEach(ProcessHandle::destroy);
        try {
            if (!known.isEmpty() && process.isAlive()) {
                waitFor(process, SHELL_GRACE);
            }
            if (process.isAlive()) {
                addMembers(known, process, group);
                known.forEach(ProcessHandle::destroy);
                process.destroy();
                waitFor(process, GRACE);
            }
            awaitGone(known, GRACE);
        } catch (InterruptedException e) {
            interrupted = true; // asked to stop again: skip the grace and force it
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        // what outlived the grace (or an orphan that ignores SIGTERM) gets no second chance; new members too
        addMembers(known, process, group);
        known.stream().filter(ProcessTree::isRunning).forEach(ProcessHandle::destroyForcibly);
        try {
            waitFor(process, FORCED_WAIT);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running (not zombie) processes whose process group is {@code group}; empty without /proc. */
    static Set<ProcessHandle> groupMembers(long group) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        if (group <= 0 || !Files.isDirectory(PROC)) {
            return members;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                String[] stat = stat(entry);
                if (stat != null && stat.length > 2 && Long.toString(group).equals(stat[2]) && !dead(stat)) {
                    ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(members::add);
                }
            }
        } catch (IOException e) {
            // /proc unreadable: the descendants alone are known
        }
        return members;
    }

    /**
     * Whether the process still runs. A zombie (dead, waiting to be reaped) does not, though
     * {@link ProcessHandle#isAlive} says so: where PID 1 does not reap orphans it stays one forever.
     */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        String[] stat = stat(PROC.resolve(Long.toString(handle.pid())));
        return stat == null ? handle.isAlive() : !dead(stat);
    }

    private static void addMembers(Set<ProcessHandle> known, Process process, long group) {
        process.descendants().forEach(known::add);
        known.addAll(groupMembers(group));
    }

    private static void awaitGone(Set<ProcessHandle> handles, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handles.stream().anyMatch(ProcessTree::isRunning) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The fields of /proc/PID/stat after the command name (state first), or null when it is gone. */
    private static String[] stat(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean dead(String[] stat) {
        return "Z".equals(stat[0]) || "X".equals(stat[0]);
    }

    private static void waitFor(Process process, Duration timeout) throws InterruptedException {
        process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
