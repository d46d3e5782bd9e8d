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
        StandaloneServer server = StandaloneServer.start(new StandaloneServer.Options(dir, port, kafkaPort, flows, springArgs),
            watchdog);
        watchdog.watch("the standalone services", server.context());
        watchdog.watch(server);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "millrace-standalone-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Millrace is running: API on http://localhost:%d, Kafka on %s, OpenSearch on %s, data in %s%n",
            server.port(), server.bootstrapServers(), server.searchUri(), dir.toAbsolutePath().normalize());
        out.printf("Add workers or executors on this machine with --bootstrap %s (e.g. ./millrace server worker "
            + "--bootstrap %s).%n", server.bootstrapServers(), server.bootstrapServers());
        out.printf("Started in %.1f s, resident memory %s. Ctrl-C stops it.%n", (System.nanoTime() - start) / 1e9,
            residentMemory());
        out.flush();
        stopped.await();
        return 0;
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
