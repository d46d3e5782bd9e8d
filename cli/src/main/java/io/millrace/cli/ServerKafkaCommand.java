package io.millrace.cli;

import io.millrace.cli.standalone.FreePort;
import io.millrace.kafka.embedded.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code millrace server kafka}: a single-node Kafka broker for trying the services one by one on a
 * laptop (not for production: one node, no replication, 127.0.0.1 only).
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = {"Run a single-node Kafka broker on 127.0.0.1, for local use of the separate services.",
        "Not for production: one node, no replication."})
final class ServerKafkaCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".millrace/kafka",
        description = "Where the broker keeps its data (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--port", defaultValue = "9092", description = "The port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, UnknownHostException {
        FreePort.require(InetAddress.getByName(EmbeddedKafka.HOST), port,
            "the port " + port + " on " + EmbeddedKafka.HOST + " (--port)");
        ShutdownWatchdog watchdog = ShutdownWatchdog.install();
        EmbeddedKafka broker = new EmbeddedKafka(dir.toAbsolutePath(), port, Map.of());
        broker.start();
        String address = broker.bootstrapServers();
        AtomicBoolean closing = new AtomicBoolean();
        // not broker.isRunning(): it waits for the lock close() holds, and the watchdog must never wait
        watchdog.watch(() -> closing.get() ? Optional.of("the Kafka broker on " + address + " closing") : Optional.empty());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closing.set(true);
            broker.close();
            closing.set(false);
            stopped.countDown();
        }, "millrace-kafka-stop"));
        spec.commandLine().getOut().println("Kafka listening on " + address + " (data in " + dir + ")");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
