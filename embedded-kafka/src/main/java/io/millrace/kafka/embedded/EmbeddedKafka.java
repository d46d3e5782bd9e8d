package io.millrace.kafka.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka cluster in this JVM: Kafka's own {@link KafkaRaftServer} in combined KRaft
 * mode (broker and controller in one node), listening on 127.0.0.1 only. Tests use it as their
 * real broker and the standalone server as its default Kafka.
 *
 * <p>Its data lives in the log directory the caller chooses: the first start formats it, later
 * starts on the same directory keep every topic and record. Ports are free ones chosen at each
 * start unless the caller fixes the client port; the controller's endpoint is configured (a static
 * quorum) rather than stored in the metadata log, so a restart on other ports finds its data.
 *
 * <p>Logging: Kafka's server classes log through SLF4J, so they follow the application's logging
 * set-up (Logback under Spring Boot). Unless the application set a level for them, they are
 * lowered to WARN at start ({@link QuietLogs}).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    /** The only address the broker listens on. */
    public static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final Path logDir;
    private final int requestedPort;
    private final Map<String, String> overrides;
    private final String clusterId;
    private KafkaRaftServer server;
    private String bootstrapServers;

    /** A broker on a free port keeping its data in {@code logDir}. */
    public EmbeddedKafka(Path logDir) {
        this(logDir, 0, Map.of());
    }

    /**
     * A broker keeping its data in {@code logDir}.
     *
     * @param port      the client port on 127.0.0.1, or 0 for a free one
     * @param overrides broker configs over the defaults of {@link #brokerConfig}
     */
    public EmbeddedKafka(Path logDir, int port, Map<String, String> overrides) {
        this(logDir, port, overrides, null);
    }

    /**
     * A node of a cluster of several: {@code overrides} give its {@code node.id}, listeners and
     * {@code controller.quorum.voters}, and every node's log directory is formatted with the same
     * {@code clusterId} (a single node gets a random one).
     */
    public EmbeddedKafka(Path logDir, int port, Map<String, String> overrides, String clusterId) {
        this.logDir = logDir.toAbsolutePath();
        this.requestedPort = port;
        this.overrides = Map.copyOf(overrides);
        this.clusterId = clusterId == null ? Uuid.randomUuid().toString() : clusterId;
    }

    /** Formats the log directory when it is new, then starts the node and waits until it serves clients. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("the embedded Kafka broker on " + bootstrapServers + " is already started");
        }
        QuietLogs.apply();
        long begin = System.nanoTime();
        // both free ports are taken while both sockets are open: two ports taken one after the other may be the
        // same one, released and handed out again
        int[] free = freePorts(2);
        int brokerPort = requestedPort == 0 ? free[0] : requestedPort;
        int controllerPort = free[0] == brokerPort || requestedPort == 0 ? free[1] : free[0];
        Map<String, String> config = brokerConfig(logDir, brokerPort, controllerPort);
        config.putAll(overrides);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log directory " + logDir, e);
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        KafkaRaftServer raft = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        try {
            raft.startup();
        } catch (RuntimeException e) {
            raft.shutdown();
            raft.awaitShutdown();
            throw new IllegalStateException("the embedded Kafka broker did not start in " + logDir + ": " + e.getMessage(), e);
        }
        server = raft;
        bootstrapServers = HOST + ":" + brokerPort;
        LOG.info("Kafka broker started on {} in {} ms (data in {})", bootstrapServers,
            (System.nanoTime() - begin) / 1_000_000, logDir);
        return this;
    }

    /** {@code host:port} of the client listener; only while started. */
    public synchronized String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("the embedded Kafka broker is not started");
        }
        return bootstrapServers;
    }

    /**
     * Creates topics for a test, with one replica each, and returns once every partition can be
     * produced to. Existing topics are left as they are. (Producing right after creating a topic
     * can lose records with Kafka 4.1: KAFKA-15591.)
     */
    public void createTopics(int partitions, String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            CreateTopicsResult created = admin.createTopics(topics);
            for (String name : names) {
                try {
                    created.values().get(name).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create the topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            Map<TopicPartition, OffsetSpec> partitionsOf = new HashMap<>();
            for (String name : names) {
                for (int p = 0; p < partitions; p++) {
                    partitionsOf.put(new TopicPartition(name, p), OffsetSpec.latest());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    admin.listOffsets(partitionsOf).all().get();
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the topics " + List.of(names) + " were not ready within 30 s: "
                            + e.getCause().getMessage(), e);
                    }
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics " + List.of(names), e);
        }
    }

    /** The directory holding the node's data. */
    public Path logDir() {
        return logDir;
    }

    /** Whether the node is running. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the node; its data stays in the log directory. Does nothing when not started. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        long begin = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers, (System.nanoTime() - begin) / 1_000_000);
        bootstrapServers = null;
    }

    /**
     * The configuration of a combined broker and controller on 127.0.0.1, sized for a laptop:
     * internal topics with one replica and few partitions, small segments so compaction can run,
     * a small compaction buffer, no wait before the first group rebalance, and no topic created by
     * a client's mere mention of it (Millrace creates its topics with their settings).
     */
    static Map<String, String> brokerConfig(Path logDir, int brokerPort, int controllerPort) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", String.valueOf(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        c.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("log.dirs", logDir.toString());

        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "5");
        // a process killed in the middle of a transaction holds its partitions' offsets until the broker aborts
        // it: look for timed-out transactions every second, not every 10 s, so that failovers end sooner
        c.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("share.coordinator.state.topic.num.partitions", "5");
        c.put("min.insync.replicas", "1");
        c.put("default.replication.factor", "1");

        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("auto.create.topics.enable", "false");
        c.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        c.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        c.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        c.put("num.recovery.threads.per.data.dir", "2");
        return c;
    }

    /**
     * Writes the cluster id and the node's identity into a new log directory, as
     * {@code kafka-storage format} would. {@link StorageTool#execute} reports instead of exiting the JVM.
     */
    private void format(Map<String, String> config) {
        Path configFile = null;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            configFile = Files.createTempFile("millrace-kafka-", ".properties");
            Properties properties = new Properties();
            properties.putAll(config);
            try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                properties.store(w, "embedded Kafka, used to format " + logDir);
            }
            String[] args = {"format", "--config", configFile.toString(), "--cluster-id", clusterId};
            int status;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                status = StorageTool.execute(args, out);
            }
            if (status != 0) {
                throw new IllegalStateException("cannot format the Kafka log directory " + logDir + " (status " + status
                    + "): " + output.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the Kafka log directory " + logDir, e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage()
                + " " + output.toString(StandardCharsets.UTF_8).strip(), e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** {@code n} distinct free ports on {@link #HOST}. */
    private static int[] freePorts(int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // the port is free again either way
                    }
                }
            }
        }
    }
}
