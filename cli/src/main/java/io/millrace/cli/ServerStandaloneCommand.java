package io.millrace.cli;

import io.millrace.cli.standalone.StandaloneServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code millrace server standalone}: Millrace on one machine, in this process — an embedded Kafka
 * broker, the executor, a worker and the api — with its data under one directory.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
    description = {"Run Millrace on this machine: an embedded Kafka broker and OpenSearch node, the executor, a worker "
        + "and the API in one "
        + "process, data under --dir (a restart on the same directory resumes where it stopped). Ctrl-C stops it.",
        "Settings come from application.yaml, MILLRACE_* environment variables or --millrace.key=value arguments."})
final class ServerStandaloneCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".millrace",
        description = "Where Millrace keeps its data (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--host", paramLabel = "ADDRESS",
        description = "The address the API listens on (default " + StandaloneServer.LOOPBACK + ": this machine only). "
            + "0.0.0.0 listens on every interface: without credentials (millrace.security.*), anyone who reaches "
            + "the port can run commands on this machine.")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "The API's port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", defaultValue = "0",
        description = "The embedded broker's port on 127.0.0.1, the bootstrap address of workers and executors "
            + "joining this one (default: a free one, printed at start).")
    int kafkaPort;

    @Option(names = "--flows", paramLabel = "DIR",
        description = "Deploy the flows of this directory (.yml/.yaml files) at start, and again when a file changes.")
    Path flows;

    @Unmatched
    List<String> springArgs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long start = System.nanoTime();
        ShutdownWatchdog watchdog = ShutdownWatchdog.install();
        StandaloneServer server = StandaloneServer.start(
            new StandaloneServer.Options(dir, host, port, kafkaPort, flows, springArgs), watchdog);
        watchdog.watch("the standalone services", server.context());
        watchdog.watch(server);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "millrace-standalone-stop"));
        printStarted(server, dir, System.nanoTime() - start, spec.commandLine().getOut(), spec.commandLine().getErr());
        stopped.await();
        return 0;
    }

    /** What a user reads once it runs: where everything is, and a warning when anyone may use it. */
    static void printStarted(StandaloneServer server, Path dir, long startNanos, PrintWriter out, PrintWriter err) {
        out.printf("Millrace is running: API on %s, Kafka on %s, OpenSearch on %s, data in %s%n",
            server.apiUrl(), server.bootstrapServers(), server.searchUri(), dir.toAbsolutePath().normalize());
        out.printf("Add workers or executors on this machine with --bootstrap %s (e.g. ./millrace server worker "
            + "--bootstrap %s).%n", server.bootstrapServers(), server.bootstrapServers());
        out.printf("Started in %.1f s, resident memory %s. Ctrl-C stops it.%n", startNanos / 1e9, residentMemory());
        out.flush();
        // last, so that it is what the user sees
        server.exposureWarning().ifPresent(warning -> err.println("millrace: " + warning));
        err.flush();
    }

    /** This process's resident set size, from /proc on Linux; "unknown" elsewhere. */
    static String residentMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return (kib >> 10) + " MiB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figure is only informative
        }
        return "unknown";
    }
}
