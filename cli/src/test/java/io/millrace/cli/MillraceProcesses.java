package io.millrace.cli;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link MillraceProcess}es of a test, stopped (SIGKILL if still running) after it, their output's end
 * printed: {@code @RegisterExtension final MillraceProcesses processes = new MillraceProcesses();}.
 */
final class MillraceProcesses implements AfterEachCallback {

    private final List<MillraceProcess> started = new ArrayList<>();

    /** Runs {@code millrace args…} in a JVM with {@code heap} of heap at most. */
    MillraceProcess start(String name, String heap, String... args) {
        MillraceProcess process = MillraceProcess.start(name, heap, args);
        started.add(process);
        return process;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (MillraceProcess p : started) {
            p.close();
        }
        started.clear();
    }

    /** A port of 127.0.0.1 that nothing listens on (free a moment ago). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
