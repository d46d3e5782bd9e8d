package io.millrace.faults;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One service running as its own JVM (a broker, an executor, a worker), its standard output and
 * error captured in a log file; it can be killed for real ({@code SIGKILL}) or asked to stop
 * ({@code SIGTERM}).
 */
final class ServiceProcess {

    /** Processes still running: killed if the test JVM stops early (an interrupted build), not left behind. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
            "fault-test-processes-stop"));
    }

    private final String name;
    private final Path log;
    private final Process process;
    private final Instant startedAt;

    private ServiceProcess(String name, Path log, Process process, Instant startedAt) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.startedAt = startedAt;
    }

    /** Starts {@code command}, appending what it prints to {@code log}. */
    static ServiceProcess start(String name, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Instant now = Instant.now();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RUNNING.add(p);
            p.onExit().thenRun(() -> RUNNING.remove(p));
            return new ServiceProcess(name, log, p, now);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    /** When the process was started. */
    Instant startedAt() {
        return startedAt;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process with {@code SIGKILL} and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** Asks the process to stop with {@code SIGTERM}; it stops gracefully (or not) in its own time. */
    void terminate() {
        process.destroy();
    }

    /** Waits until the process has exited; fails after {@code timeout}. Returns its exit status. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name + " to exit", e);
        }
    }

    /** Waits until the process has printed {@code text}; fails early if it exits first. */
    void awaitOutput(String text, Duration timeout) {
        Awaitility.await(name + " to print \"" + text + "\"").atMost(timeout).pollInterval(Duration.ofMillis(100))
            .until(() -> {
                if (output().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with status " + process.exitValue()
                        + " before it was ready:\n" + tail(40));
                }
                return false;
            });
    }

    /** Everything the process printed so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines the process printed. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Kills the process if it still runs. */
    void destroy() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
