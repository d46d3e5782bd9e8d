package io.millrace.cli.standalone;

import io.millrace.api.ApiApplication;
import io.millrace.api.flows.FlowService;
import io.millrace.api.security.SecuritySettings;
import io.millrace.api.web.ApiException;
import io.millrace.kafka.streams.ManagedStreams;
import io.millrace.kafka.embedded.EmbeddedKafka;
import io.millrace.model.FlowRecord;
import io.millrace.search.embedded.EmbeddedOpenSearch;
import io.millrace.secrets.KeyFile;
import io.millrace.shutdown.ShutdownProgress;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Millrace on one machine: an embedded Kafka broker, an embedded OpenSearch node and every service
 * in this JVM, with all data
 * under one directory, so that a restart on the same directory resumes where it stopped.
 *
 * <p>Layout of the directory: {@code kafka/} (the broker's log), {@code search/} (the OpenSearch
 * node's indices), {@code streams/} (the executor's
 * state stores, rebuilt from their changelogs when missing), {@code work/} (the worker's
 * per-attempt working directories), {@code encryption.key} (the key SECRET input values are sealed
 * with, owner-only). With a flow directory, its flows are deployed at start and
 * again whenever a file changes ({@link FlowDirectoryWatcher}).
 *
 * <p>While it stops, it says which of its embedded servers it is closing ({@link ShutdownProgress}); the
 * services' own parts say what they are doing.
 */
public final class StandaloneServer implements AutoCloseable, ShutdownProgress {

    /** The address the API listens on unless told otherwise: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Where and how to run.
     *
     * @param host the address the API listens on; null: {@code server.address} from configuration, else
     *             {@link #LOOPBACK}
     */
    public record Options(Path dir, String host, int port, int kafkaPort, Path flows, List<String> springArgs) {
        public Options {
            dir = dir.toAbsolutePath().normalize();
            host = host == null || host.isBlank() ? null : host.trim();
            springArgs = springArgs == null ? List.of() : List.copyOf(springArgs);
        }

        /** Listening on {@link #LOOPBACK}, or on {@code server.address} when configured. */
        public Options(Path dir, int port, int kafkaPort, Path flows, List<String> springArgs) {
            this(dir, null, port, kafkaPort, flows, springArgs);
        }
    }

    private final Options options;
    private final List<ApplicationListener<?>> listeners;
    /** What close() is stopping now, or null: read without the lock close() holds. */
    private volatile String closing;
    private EmbeddedKafka broker;
    private EmbeddedOpenSearch search;
    private ConfigurableApplicationContext context;
    private FlowDirectoryWatcher watcher;

    private StandaloneServer(Options options, List<ApplicationListener<?>> listeners) {
        this.options = options;
        this.listeners = listeners;
    }

    /**
     * Starts the broker, then the services; on failure, stops what started.
     *
     * @param listeners added to the services' Spring application (to learn their settings early)
     */
    public static StandaloneServer start(Options options, ApplicationListener<?>... listeners) {
        StandaloneServer server = new StandaloneServer(options, List.of(listeners));
        try {
            server.startAll();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            FreePort.require(InetAddress.getByName(EmbeddedKafka.HOST), options.kafkaPort(),
                "the Kafka port " + options.kafkaPort() + " on " + EmbeddedKafka.HOST + " (--kafka-port)");
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        FreePort.require(apiAddress(options.host()), options.port(), "the API's port " + options.port() + " (--port)");
        Path dir = options.dir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        // the broker and the search node start side by side: each takes seconds
        CompletableFuture<EmbeddedOpenSearch> node = CompletableFuture.supplyAsync(
            () -> new EmbeddedOpenSearch(dir.resolve("search"), 0).start());
        try {
            broker = new EmbeddedKafka(dir.resolve("kafka"), options.kafkaPort(), java.util.Map.of()).start();
        } finally {
            search = join(node);
        }
        List<String> args = new ArrayList<>(List.of(
            "--millrace.search.engine=opensearch",
            "--millrace.search.uris=" + search.uri(),
            "--millrace.search.replicas=0",
            "--millrace.kafka.client.properties.bootstrap.servers=" + broker.bootstrapServers(),
            "--millrace.kafka.stream.state-dir=" + dir.resolve("streams"),
            "--millrace.worker.work-dir=" + dir.resolve("work"),
            "--millrace.storage.base-path=" + dir.resolve("storage"),
            // one worker whose id survives restarts: its transactional id fences what it left behind
            "--millrace.worker.id=standalone",
            "--server.port=" + options.port()));
        if (options.host() != null) {
            args.add("--server.address=" + options.host());
        }
        args.addAll(options.springArgs());
        SpringApplication app = new SpringApplication(StandaloneApplication.class);
        // stopping is ours: the services first, then the broker they talk to (JVM shutdown hooks
        // would run both at once)
        app.setRegisterShutdownHook(false);
        java.util.Map<String, Object> defaults = new java.util.HashMap<>(ApiApplication.DEFAULTS);
        // no credentials on one machine, unless the user turns them on (application.yaml, environment, --arg)
        defaults.put("millrace.security.enabled", "false");
        // and so, reachable from this machine only unless the user says otherwise (--host, server.address)
        defaults.put("server.address", LOOPBACK);
        // the key of SECRET inputs: made on the first start, reused after, so that sealed values still open
        defaults.put("millrace.encryption.key-file", KeyFile.ensure(dir).toString());
        app.setDefaultProperties(defaults);
        listeners.forEach(app::addListeners);
        context = app.run(args.toArray(String[]::new));
        // "started" means executions move: the executor's streams run with their stores restored
        for (ManagedStreams streams : context.getBeansOfType(ManagedStreams.class).values()) {
            try {
                streams.awaitRunning(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
        if (options.flows() != null) {
            FlowService flows = context.getBean(FlowService.class);
            watcher = FlowDirectoryWatcher.start(options.flows(), new FlowPublisher() {
                @Override
                public FlowKey deploy(String source) {
                    FlowRecord r = flows.deploy(source);
                    return new FlowKey(r.namespace(), r.id());
                }

                @Override
                public void delete(FlowKey flow) {
                    try {
                        flows.delete(flow.namespace(), flow.id());
                    } catch (ApiException e) {
                        // deleted already (through the API)
                    }
                }
            });
        }
    }

    /** The address of {@code --host} (null: loopback), when it is one of this machine's. */
    private static InetAddress apiAddress(String host) {
        try {
            InetAddress address = InetAddress.getByName(host == null ? LOOPBACK : host);
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                && NetworkInterface.getByInetAddress(address) == null) {
                throw new IllegalArgumentException("--host " + host + " is not an address of this machine: give one of "
                    + "its addresses, 0.0.0.0 for all of them, or leave it out to listen on this machine only");
            }
            return address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + " does not resolve to an address");
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list the addresses of this machine", e);
        }
    }

    private static EmbeddedOpenSearch join(CompletableFuture<EmbeddedOpenSearch> node) {
        try {
            return node.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The search node's HTTP address. */
    public String searchUri() {
        return search.uri();
    }

    /** The broker's bootstrap servers. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The port the API listens on. */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The address the API listens on, as configured ({@code 0.0.0.0} or {@code ::}: every interface). */
    public String address() {
        String address = context.getEnvironment().getProperty("server.address");
        return address == null || address.isBlank() ? "0.0.0.0" : address.trim();
    }

    /** The API's URL on this machine: {@code localhost} unless it listens on one address other than loopback. */
    public String apiUrl() {
        InetAddress address = resolve(address());
        String host = address == null || address.isAnyLocalAddress() || address.isLoopbackAddress() ? "localhost"
            : address().contains(":") ? "[" + address() + "]" : address();
        return "http://" + host + ":" + port();
    }

    /**
     * The warning to show when anyone on the network may use the API without credentials: it listens beyond
     * loopback with {@code millrace.security.enabled=false}. Empty otherwise.
     */
    public Optional<String> exposureWarning() {
        return exposureWarning(address(), port(), context.getBean(SecuritySettings.class).enabled());
    }

    /** The warning for an API on {@code address} and {@code port}, with or without credentials. */
    static Optional<String> exposureWarning(String address, int port, boolean credentials) {
        InetAddress resolved = resolve(address);
        if (credentials || resolved != null && resolved.isLoopbackAddress()) {
            return Optional.empty();
        }
        return Optional.of("WARNING: the API listens on " + address + " port " + port + " without credentials: "
            + "anyone who reaches this port can run commands on this machine. Listen on this machine only (drop --host, "
            + "or --host 127.0.0.1) or require credentials (millrace.security.enabled=true with users or tokens, see "
            + "docs/security.md).");
    }

    private static InetAddress resolve(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The services' Spring context. */
    public ConfigurableApplicationContext context() {
        return context;
    }

    /** While it stops: the embedded server it is closing (the services report for themselves). */
    @Override
    public Optional<String> unfinished() {
        return Optional.ofNullable(closing);
    }

    /** Stops the services gracefully, then the broker. */
    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (context != null) {
            context.close();
            context = null;
        }
        if (broker != null) {
            closing = "the embedded Kafka broker closing";
            broker.close();
            broker = null;
        }
        if (search != null) {
            closing = "the embedded OpenSearch node closing";
            search.close();
            search = null;
        }
        closing = null;
    }
}
