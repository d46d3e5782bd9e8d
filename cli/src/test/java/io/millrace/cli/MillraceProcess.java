package io.millrace.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@code millrace} command run as a process of its own from the packaged jar, as a user runs it; its
 * output goes to files under {@code target/processes/}, and their ends are printed when it is closed so a
 * failed test shows what the process said.
 */
final class MillraceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/millrace.jar");
    private static final Path LOGS = Path.of("target/processes");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;
    private final long startedAt = System.nanoTime();
    private long signalledAt;
    private long exitedAt;

    private MillraceProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code millrace args…} in a JVM with {@code heap} of heap at most. */
    static MillraceProcess start(String name, String heap, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
            "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // the lz4 codec of Kafka's clients
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(LOGS);
            String file = name + "-" + System.currentTimeMillis();
            Path out = LOGS.resolve(file + ".out");
            Path err = LOGS.resolve(file + ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new MillraceProcess(name, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** What it printed on stdout so far. */
    String stdout() {
        return read(out);
    }

    /** What it printed on stderr so far, without the JVM's own warnings (lines starting with "WARNING:"). */
    List<String> stderrLines() {
        return read(err).lines().filter(l -> !l.startsWith("WARNING:") && !l.isBlank()).toList();
    }

    /** Waits until its stdout contains {@code text}; fails if it exits first. */
    void awaitStdout(String text, Duration atMost) {
        await(name + " printing \"" + text + "\"").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive() && !stdout().contains(text)) {
                throw new IllegalStateException(name + " exited (" + process.exitValue() + ") before printing \"" + text
                    + "\"; stderr: " + String.join("\n", stderrLines()));
            }
            return stdout().contains(text);
        });
    }

    /** Sends SIGTERM, as {@code kill PID} or a Kubernetes stop does. */
    void terminate() {
        signalledAt = System.nanoTime();
        process.destroy();
    }

    /** Waits for it to exit and returns its status; fails after {@code atMost}. */
    int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + atMost);
        }
        exitedAt = System.nanoTime();
        return process.exitValue();
    }

    /** From the start to the end of {@link #awaitExit}. */
    Duration runTime() {
        return Duration.ofNanos(exitedAt - startedAt);
    }

    /** From {@link #terminate} to the end of {@link #awaitExit}. */
    Duration stopTime() {
        return Duration.ofNanos(exitedAt - signalledAt);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        System.out.println("--- " + name + " stdout (end) ---\n" + tail(read(out)));
        System.out.println("--- " + name + " stderr (end) ---\n" + tail(read(err)));
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
