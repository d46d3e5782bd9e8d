package io.millrace.tasks.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The processes of this host (as the test JVM's /proc shows them) whose command line holds a marker: the
 * way to find a command's processes from outside, whatever PID namespace they ran in (the pids a command
 * prints of itself mean nothing out here when it had a namespace of its own).
 */
final class HostProcesses {

    private HostProcesses() {
    }

    /** A number unlikely to be on any other command line, to put on the command lines of one test's processes. */
    static String marker() {
        return Long.toString(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
    }

    /** The running (not zombie) processes whose command line holds {@code marker} as a word. */
    static List<Long> running(String marker) {
        Pattern word = Pattern.compile("\\b" + Pattern.quote(marker) + "\\b");
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().matches("\\d+"))
                .filter(p -> word.matcher(commandLine(p)).find() && running(p))
                .map(p -> Long.parseLong(p.getFileName().toString()))
                .filter(pid -> pid != ProcessHandle.current().pid())
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // gone meanwhile
        }
    }

    private static boolean running(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[0];
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException e) {
            return false;
        }
    }
}
