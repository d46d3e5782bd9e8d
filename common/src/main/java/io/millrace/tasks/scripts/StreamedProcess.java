package io.millrace.tasks.scripts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local process whose output lines reach the caller's thread while it runs. Two virtual threads
 * read stdout and stderr into a bounded queue (a chatty process blocks on its pipe rather than
 * filling memory); {@link #await} hands the lines over on the calling thread, so the task's
 * {@code RunContext} is only ever used from that thread. Interrupting {@link #await} kills the
 * whole process tree; when the process leads a process group of its own, whatever of that group is still
 * running when the process exits (a background job, a {@code nohup}) is killed too.
 */
final class StreamedProcess {

    /** Which pipe a line came from. */
    enum Stream { STDOUT, STDERR }

    /** Receives each line, without its line terminator, on the thread calling {@link #await}. */
    @FunctionalInterface
    interface LineHandler {
        void line(Stream stream, String text);
    }

    /**
     * How the process ended.
     *
     * @param outputLeftOpen the process exited but something it started kept its output open
     *                       (a background job); reading stopped after a grace period
     */
    record Exit(int code, boolean outputLeftOpen) {
    }

    /** Longest line kept whole; longer output is handed over in pieces of this size. */
    static final int MAX_LINE = 1 << 20;
    /** How long output is still read after the process exited, for a background job holding the pipe. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 100;

    private sealed interface Event permits Line, End {
    }

    private record Line(Stream stream, String text) implements Event {
    }

    private record End(Stream stream) implements Event {
    }

    private final Process process;
    /** The process group the process leads, or -1 when it shares the worker's. */
    private final long group;
    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(1024);
    private final Thread stdout;
    private final Thread stderr;

    private StreamedProcess(Process process, long group) {
        this.process = process;
        this.group = group;
        this.stdout = Thread.ofVirtual().name("stdout-" + process.pid())
            .start(() -> pump(process.getInputStream(), Stream.STDOUT));
        this.stderr = Thread.ofVirtual().name("stderr-" + process.pid())
            .start(() -> pump(process.getErrorStream(), Stream.STDERR));
    }

    /**
     * Starts the process with its stdin closed (a command reading stdin sees end of file at once).
     *
     * @param ownGroup whether the process makes itself the leader of a new process group ({@code setsid})
     */
    static StreamedProcess start(ProcessBuilder builder, boolean ownGroup) throws IOException {
        Process process = builder.start();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the process already exited: it reads nothing anyway
        }
        return new StreamedProcess(process, ownGroup ? process.pid() : -1);
    }

    long pid() {
        return process.pid();
    }

    /**
     * Hands over the output until both pipes are closed, then returns how the process ended.
     * When interrupted, kills the process tree, waits for it, and throws.
     */
    Exit await(LineHandler handler) throws InterruptedException {
        try {
            int open = 2;
            long exitedAt = 0;
            while (open > 0) {
                Event event = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                switch (event) {
                    case Line line -> handler.line(line.stream(), line.text());
                    case End end -> open--;
                    case null -> {
                        if (process.isAlive()) {
                            continue;
                        }
                        if (exitedAt == 0) {
                            // the commands are over: what they left running in their group goes too,
                            // which also closes the pipes it held
                            ProcessTree.kill(process, group);
                            exitedAt = System.nanoTime();
                        } else if (System.nanoTime() - exitedAt > OUTPUT_GRACE.toNanos()) {
                            return new Exit(process.waitFor(), true);
                        }
                    }
                }
            }
            return new Exit(process.waitFor(), false);
        } catch (InterruptedException e) {
            ProcessTree.kill(process, group);
            throw e;
        } finally {
            // the handler failed, or the process exited with its output closed: leave nothing running behind
            if (process.isAlive() || !ProcessTree.groupMembers(group).isEmpty()) {
                ProcessTree.kill(process, group);
            }
            // a reader blocked on a full queue would wait forever once nobody drains it
            stdout.interrupt();
            stderr.interrupt();
        }
    }

    private void pump(InputStream in, Stream stream) {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            StringBuilder line = new StringBuilder();
            int n;
            while ((n = reader.read(buffer)) != -1) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        emit(stream, line);
                    } else {
                        line.append(c);
                        if (line.length() >= MAX_LINE) {
                            emit(stream, line);
                        }
                    }
                }
            }
            if (!line.isEmpty()) {
                emit(stream, line);
            }
        } catch (IOException e) {
            // the pipe closed under us (process killed): the output ends here
        } catch (InterruptedException e) {
            return; // nobody drains the queue any more
        }
        try {
            events.put(new End(stream));
        } catch (InterruptedException e) {
            // nobody drains the queue any more
        }
    }

    private void emit(Stream stream, StringBuilder line) throws InterruptedException {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        events.put(new Line(stream, line.substring(0, end)));
        line.setLength(0);
    }
}
