package io.millrace.faults;

import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.kafka.TopicsReady;
import io.millrace.topics.CommandSender;
import io.millrace.topics.ExecutionFeed;
import io.millrace.util.Ids;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One Millrace installation for one fault test, every part its own process: brokers, executors,
 * schedulers and workers run from the real command line, with their data and logs under
 * {@code target/fault-tests/<test class>/<test>/}. The test's own clients deploy flows, start
 * executions and read back what happened through the topics. Registered as a JUnit extension, it
 * kills every process after the test, and prints the end of each process's log when the test failed.
 */
final class Installation implements BeforeEachCallback, AfterEachCallback, TestWatcher {

    /** How long a process may take to be ready (JVM and Spring start, joining a group) on a busy machine. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String HOST = "127.0.0.1";
    /** The namespace of the test flows. */
    static final String NAMESPACE = "millrace.faults";
    private static final Pattern PROCESS_ID = Pattern.compile("\"processId\"\\s*:\\s*\"([0-9a-f-]+)\"");

    private final int partitions;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final List<ServiceProcess> started = new ArrayList<>();
    private final Map<String, String> executorKeys = new HashMap<>();
    private final Map<String, String> schedulerKeys = new HashMap<>();
    private final Map<ServiceProcess, String> brokersStarting = new LinkedHashMap<>();
    private Path dir;
    private String prefix;
    private String bootstrap;
    private int kafkaPort;
    private int replicas = 1;
    private KafkaClients kafka;
    private CommandSender sender;
    private ExecutionFeed feed;

    /** An installation whose topics have {@code partitions} partitions. */
    Installation(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        String test = context.getRequiredTestMethod().getName()
            + context.getDisplayName().replaceAll("^[^\\[]*", "").replaceAll("[^A-Za-z0-9.-]+", "_");
        dir = root().resolve(context.getRequiredTestClass().getSimpleName()).resolve(test);
        delete(dir);
        Files.createDirectories(dir);
        prefix = "ft" + Ids.random().substring(0, 6).toLowerCase() + "_";
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (feed != null) {
            feed.close();
        }
        if (sender != null) {
            sender.close();
        }
        // services first, brokers last: services that lose their broker only log about it
        started.reversed().forEach(ServiceProcess::destroy);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        // the logs stay for reading; the data of a passed test is of no further use
        try (var entries = Files.list(dir)) {
            for (Path p : entries.filter(Files::isDirectory).toList()) {
                delete(p);
            }
        } catch (IOException e) {
            // leftovers under target/ do no harm
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder report = new StringBuilder("\n==== processes of " + context.getDisplayName() + " (logs in " + dir + ")\n");
        for (ServiceProcess p : started) {
            report.append("---- ").append(p).append(p.isAlive() ? "" : ", exited").append(", last lines:\n")
                .append(p.tail(30)).append('\n');
        }
        System.out.println(report);
    }

    // ---- brokers -------------------------------------------------------------------------------

    /**
     * Starts a single broker ({@code millrace server kafka}). Services may be started at once: they
     * wait for it, and so does everything here that needs it, so that JVMs start side by side.
     */
    void startKafka() {
        kafkaPort = freePort();
        bootstrap = HOST + ":" + kafkaPort;
        spawnKafka();
    }

    /** Starts the single broker again on the same port and log directory (after a kill), and waits for it. */
    void restartKafka() {
        spawnKafka();
        awaitBrokers();
    }

    private void spawnKafka() {
        brokersStarting.put(spawn("kafka", JavaCommand.millrace("256m", List.of("server", "kafka",
            "--port", String.valueOf(kafkaPort), "--dir", dir.resolve("kafka").toString()))), "Kafka listening on");
    }

    private void awaitBrokers() {
        brokersStarting.forEach((broker, line) -> {
            broker.awaitOutput(line, READY_TIMEOUT);
            ready(broker);
        });
        brokersStarting.clear();
    }

    /**
     * Starts a cluster of {@code nodes} brokers, each its own JVM and controller of a static quorum,
     * with {@code nodes} replicas and two in sync for every topic. Services may be started at once.
     */
    void startKafkaCluster(int nodes) {
        int[] brokerPorts = IntStream.range(0, nodes).map(i -> freePort()).toArray();
        int[] controllerPorts = IntStream.range(0, nodes).map(i -> freePort()).toArray();
        String voters = String.join(",", IntStream.range(0, nodes)
            .mapToObj(i -> (i + 1) + "@" + HOST + ":" + controllerPorts[i]).toList());
        String clusterId = Uuid.randomUuid().toString();
        for (int i = 0; i < nodes; i++) {
            int id = i + 1;
            brokersStarting.put(spawn("kafka-" + id, JavaCommand.main("256m", ClusterNode.class,
                List.of(String.valueOf(id), clusterId, dir.resolve("kafka-" + id).toString(),
                    String.valueOf(brokerPorts[i]), String.valueOf(controllerPorts[i]), voters))), ClusterNode.READY);
        }
        bootstrap = String.join(",", IntStream.of(brokerPorts).mapToObj(p -> HOST + ":" + p).toList());
        replicas = nodes;
    }

    /** Waits for the brokers being started, then connects the test's clients once (creating the topics). */
    private void connected() {
        awaitBrokers();
        if (kafka == null) {
            connect();
        }
    }

    private void connect() {
        Map<String, String> topicProperties = replicas > 1 ? Map.of("min.insync.replicas", "2") : Map.of();
        KafkaSettings local = KafkaSettings.local(bootstrap);
        kafka = new KafkaClients(new KafkaSettings(local.client(),
            new KafkaSettings.Defaults(prefix, prefix, new KafkaSettings.TopicDefaults(partitions, (short) replicas,
                topicProperties), local.defaults().consumer(), local.defaults().producer(), local.defaults().stream(),
                Map.of()), local.stream()));
        TopicsReady.ensure(kafka);
        sender = new CommandSender(kafka, prefix + "fault-test-client");
        feed = new ExecutionFeed(kafka, prefix + "fault-test-reader");
    }

    // ---- services ------------------------------------------------------------------------------

    /**
     * Starts an executor ({@code millrace server executor}) keeping its Kafka Streams state under
     * {@code state-<name>} (the same directory at every start), with any other {@code --millrace.*}
     * settings, and waits until it owns partitions.
     */
    ServiceProcess startExecutor(String name, String... settings) {
        List<String> args = new ArrayList<>(List.of("--millrace.kafka.stream.state-dir=" + dir.resolve("state-" + name)));
        args.addAll(List.of(settings));
        ServiceProcess executor = spawn("executor-" + name, JavaCommand.millrace("384m", services("executor", args)));
        connected();
        Set<String> others = new HashSet<>();
        executorKeys.forEach((n, key) -> {
            if (!n.equals(name)) {
                others.add(key);
            }
        });
        Awaitility.await(executor.name() + " to own partitions").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
            .until(() -> {
                if (!executor.isAlive()) {
                    throw new AssertionError(executor.name() + " exited before it was ready:\n" + executor.tail(40));
                }
                Map<String, Set<Integer>> owners = kafkaFacts().executorOwners();
                Optional<String> mine = owners.keySet().stream().filter(k -> !others.contains(k)).findFirst();
                mine.ifPresent(key -> executorKeys.put(name, key));
                return mine.isPresent();
            });
        ready(executor);
        return executor;
    }

    /**
     * Starts a scheduler ({@code millrace server scheduler}) keeping its Kafka Streams state under
     * {@code state-scheduler-<name>} (the same directory at every start), with any other {@code --millrace.*}
     * settings, and waits until it owns partitions of {@code flows}.
     */
    ServiceProcess startScheduler(String name, String... settings) {
        return startSchedulers(List.of(name), settings).getFirst();
    }

    /**
     * Starts the schedulers {@code names} side by side, each as {@link #startScheduler} does, and waits
     * until each owns partitions of {@code flows}. Each is known by the process id Kafka Streams keeps in its
     * state directory: a scheduler started again on its directory soon after a {@code kill -9} may be taken
     * as ready while the group still lists its former incarnation.
     */
    List<ServiceProcess> startSchedulers(List<String> names, String... settings) {
        List<ServiceProcess> schedulers = new ArrayList<>();
        for (String name : names) {
            List<String> args = new ArrayList<>(List.of("--millrace.kafka.stream.state-dir="
                + dir.resolve("state-scheduler-" + name)));
            args.addAll(List.of(settings));
            schedulers.add(spawn("scheduler-" + name, JavaCommand.millrace("256m", services("scheduler", args))));
        }
        connected();
        for (int i = 0; i < names.size(); i++) {
            ServiceProcess p = schedulers.get(i);
            String name = names.get(i);
            Awaitility.await(p.name() + " to own partitions").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new AssertionError(p.name() + " exited before it was ready:\n" + p.tail(40));
                    }
                    Optional<String> key = streamsProcessKey("scheduler-" + name, "scheduler");
                    key.ifPresent(k -> schedulerKeys.put(name, k));
                    return key.isPresent() && kafkaFacts().schedulerOwners().containsKey(key.get());
                });
            ready(p);
        }
        return schedulers;
    }

    /**
     * The key {@link KafkaFacts} gives a Kafka Streams process ({@code <application id>-<process id>}), from
     * the process id Kafka Streams keeps in its state directory {@code state-<stateName>} (the same at every
     * start on that directory); empty until the process has written it.
     */
    private Optional<String> streamsProcessKey(String stateName, String application) {
        String applicationId = prefix + application;
        Path metadata = dir.resolve("state-" + stateName).resolve(applicationId).resolve("kafka-streams-process-metadata");
        try {
            Matcher m = PROCESS_ID.matcher(Files.readString(metadata, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(applicationId + "-" + m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts a worker ({@code millrace server worker}) with id {@code id} and {@code concurrency}
     * slots, plus any other {@code --millrace.worker.*} settings; see {@link #awaitWorkers}.
     */
    ServiceProcess startWorker(String id, int concurrency, String... settings) {
        List<String> args = new ArrayList<>(List.of("--millrace.worker.id=" + id, "--millrace.worker.concurrency=" + concurrency,
            "--millrace.worker.work-dir=" + dir.resolve("work-" + id)));
        args.addAll(List.of(settings));
        return spawn("worker-" + id, JavaCommand.millrace("256m", services("worker", args)));
    }

    /**
     * Starts the usual services on the brokers started: workers {@code workerIds} with
     * {@code slots} slots each and one executor, {@code a}; returns once they are all ready.
     */
    void startServices(int slots, String... workerIds) {
        for (String id : workerIds) {
            startWorker(id, slots);
        }
        startExecutor("a");
        awaitWorkers(workerIds);
    }

    /**
     * Waits until the workers {@code ids} (started by this installation) have announced, since their
     * start, partitions of {@code worker_tasks} that together are all of them, each owned by one.
     */
    void awaitWorkers(String... ids) {
        connected();
        Awaitility.await("workers " + List.of(ids) + " to share the partitions").atMost(READY_TIMEOUT)
            .pollInterval(Duration.ofMillis(250)).until(() -> {
                List<Integer> owned = new ArrayList<>();
                for (String id : ids) {
                    ServiceProcess p = process("worker-" + id);
                    if (!p.isAlive()) {
                        throw new AssertionError(p.name() + " exited before it was ready:\n" + p.tail(40));
                    }
                    var instance = feed().instances().get(id);
                    if (instance == null || instance.assignedAt() == null || instance.assignedAt().isBefore(p.startedAt())) {
                        return false;
                    }
                    owned.addAll(instance.partitions());
                }
                return owned.size() == partitions && new HashSet<>(owned).size() == partitions;
            });
        for (String id : ids) {
            ready(process("worker-" + id));
        }
    }

    /** Tells how long a process took to be ready: start-up is most of a fault test's time on a small machine. */
    private static void ready(ServiceProcess p) {
        System.out.printf(Locale.ROOT, "%s ready in %.1f s%n", p, Duration.between(p.startedAt(), Instant.now()).toMillis() / 1000.0);
    }

    private List<String> services(String service, List<String> settings) {
        List<String> args = new ArrayList<>(List.of("server", service, "--bootstrap", bootstrap,
            "--millrace.kafka.defaults.topic-prefix=" + prefix,
            "--millrace.kafka.defaults.consumer-prefix=" + prefix,
            "--millrace.kafka.defaults.topic.partitions=" + partitions));
        if (replicas > 1) {
            args.add("--millrace.kafka.defaults.topic.replication-factor=" + replicas);
            args.add("--millrace.kafka.defaults.topic.properties.min.insync.replicas=2");
            // Kafka Streams creates its changelog and repartition topics itself, with these topic configs
            args.add("--millrace.kafka.defaults.stream.properties.topic.min.insync.replicas=2");
        }
        args.addAll(settings);
        return args;
    }

    private ServiceProcess spawn(String name, List<String> command) {
        long incarnation = started.stream().filter(p -> p.name().equals(name)).count() + 1;
        Path log = dir.resolve(name + (incarnation == 1 ? "" : "." + incarnation) + ".log");
        ServiceProcess p = ServiceProcess.start(name, command, log);
        processes.put(name, p);
        started.add(p);
        return p;
    }

    /**
     * The latest process started under {@code name} ({@code kafka}, {@code kafka-2}, {@code executor-a},
     * {@code scheduler-a}, {@code worker-w1}).
     */
    ServiceProcess process(String name) {
        ServiceProcess p = processes.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no process named " + name + " in " + processes.keySet());
        }
        return p;
    }

    // ---- what Kafka knows ----------------------------------------------------------------------

    /** The partitions of {@code execution_commands} the executor {@code name} owns now. */
    Set<Integer> executorPartitions(String name) {
        return kafkaFacts().executorOwners().getOrDefault(executorKeys.get(name), Set.of());
    }

    /** The partitions of {@code flows} the scheduler {@code name} owns now. */
    Set<Integer> schedulerPartitions(String name) {
        return kafkaFacts().schedulerOwners().getOrDefault(schedulerKeys.get(name), Set.of());
    }

    /** What the Kafka cluster knows about this installation's groups and topics. */
    KafkaFacts kafkaFacts() {
        return new KafkaFacts(kafka(), prefix);
    }

    // ---- the test's client ---------------------------------------------------------------------

    /** Deploys the flow of {@code flows/<name>.yaml} (test resources). */
    void deploy(String name) {
        try (var in = Installation.class.getResourceAsStream("/flows/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no flow resource /flows/" + name + ".yaml");
            }
            sender().deploy(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code count} executions of {@code flowId}, the n-th (from 0) with {@code inputs.apply(n)}; returns their ids. */
    List<String> start(String flowId, int count, IntFunction<Map<String, Object>> inputs) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ids.add(sender().start(NAMESPACE, flowId, inputs.apply(n)));
        }
        sender().flush();
        return ids;
    }

    /** A steady load of {@code flowId}: {@code inFlight} executions in progress at a time. */
    Load load(String flowId, IntFunction<Map<String, Object>> inputs, int inFlight) {
        return new Load(feed(), sender(), flowId, inputs, inFlight);
    }

    /** How many of the executions {@code ids} have ended. */
    int ended(List<String> ids) {
        return (int) ids.stream().map(feed()::execution).filter(e -> e != null && e.status().isTerminal()).count();
    }

    /** The attempts the worker {@code workerId} holds now ({@code executionId/taskRunId}). */
    Set<String> runningOn(String workerId) {
        Set<String> keys = new TreeSet<>();
        feed().running().forEach((key, r) -> {
            if (r.workerId().equals(workerId)) {
                keys.add(key);
            }
        });
        return keys;
    }

    KafkaClients kafka() {
        connected();
        return kafka;
    }

    CommandSender sender() {
        connected();
        return sender;
    }

    ExecutionFeed feed() {
        connected();
        return feed;
    }

    /** This installation's topic and group prefix. */
    String prefix() {
        return prefix;
    }

    /** Where this test's logs and data are. */
    Path dir() {
        return dir;
    }

    /** Where every fault test writes: {@code target/fault-tests}. */
    static Path root() {
        return Path.of(System.getProperty("fault-tests.dir", "target/fault-tests"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
