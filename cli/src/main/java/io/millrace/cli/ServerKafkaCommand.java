package io.millrace.cli;

import io.millrace.kafka.embedded.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

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
    public Integer call() throws InterruptedException {
        EmbeddedKafka broker = new EmbeddedKafka(dir.toAbsolutePath(), port, Map.of());
        broker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "millrace-kafka-stop"));
        spec.commandLine().getOut().println("Kafka listening on " + broker.bootstrapServers() + " (data in " + dir + ")");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
