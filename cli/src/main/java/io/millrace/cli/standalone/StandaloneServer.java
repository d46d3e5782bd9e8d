package io.millrace.cli.standalone;

import io.millrace.kafka.embedded.EmbeddedKafka;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Millrace on one machine: an embedded Kafka broker and every service in this JVM, with all data
 * under one directory, so that a restart on the same directory resumes where it stopped.
 *
 * <p>Layout of the directory: {@code kafka/} (the broker's log), {@code streams/} (the executor's
 * state stores, rebuilt from their changelogs when missing), {@code work/} (the worker's
 * per-attempt working directories).
 */
public final class StandaloneServer implements AutoCloseable {

    /** Where and how to run. */
    public record Options(Path dir, int port, int kafkaPort, List<String> springArgs) {
        public Options {
            dir = dir.toAbsolutePath().normalize();
            springArgs = springArgs == null ? List.of() : List.copyOf(springArgs);
        }
    }

    private final Options options;
    private EmbeddedKafka broker;
    private ConfigurableApplicationContext context;

    private StandaloneServer(Options options) {
        this.options = options;
    }

    /** Starts the broker, then the services; on failure, stops what started. */
    public static StandaloneServer start(Options options) {
        StandaloneServer server = new StandaloneServer(options);
        try {
            server.startAll();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private void startAll() {
        Path dir = options.dir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        broker = new EmbeddedKafka(dir.resolve("kafka"), options.kafkaPort(), java.util.Map.of()).start();
        List<String> args = new ArrayList<>(List.of(
            "--millrace.kafka.client.properties.bootstrap.servers=" + broker.bootstrapServers(),
            "--millrace.kafka.stream.state-dir=" + dir.resolve("streams"),
            "--millrace.worker.work-dir=" + dir.resolve("work"),
            // one worker whose id survives restarts: its transactional id fences what it left behind
            "--millrace.worker.id=standalone",
            "--millrace.security.enabled=false",
            "--server.port=" + options.port()));
        args.addAll(options.springArgs());
        SpringApplication app = new SpringApplication(StandaloneApplication.class);
        // stopping is ours: the services first, then the broker they talk to (JVM shutdown hooks
        // would run both at once)
        app.setRegisterShutdownHook(false);
        context = app.run(args.toArray(String[]::new));
    }

    /** The broker's bootstrap servers. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The port the API listens on. */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The services' Spring context. */
    public ConfigurableApplicationContext context() {
        return context;
    }

    /** Stops the services gracefully, then the broker. */
    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
            context = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
