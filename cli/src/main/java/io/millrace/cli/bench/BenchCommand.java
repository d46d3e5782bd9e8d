package io.millrace.cli.bench;

import io.millrace.cli.bench.BenchClient.Ended;
import io.millrace.kafka.streams.ManagedStreams;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.kafka.TopicsReady;
import io.millrace.kafka.embedded.EmbeddedKafka;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.util.Ids;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code millrace bench}: measures an installation end to end: creation commands in, terminal
 * execution headers out, through the real topics, executor and worker. By default everything runs
 * in this process on an embedded broker (the standalone layout); {@code --bootstrap} uses an
 * existing cluster, and {@code --no-services} drives services started elsewhere.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure throughput, latency and costs of Millrace end to end and print the medians of repeated runs.",
        "Arguments --millrace.key=value configure the in-process services (see docs/configuration.md)."})
public final class BenchCommand implements java.util.concurrent.Callable<Integer> {

    /** The parts of the bench, in the order they run. */
    public enum Part { SATURATION, LATENCY, SHAPES, FOREACH, PARALLEL, LARGE, SCHEDULER, RECORDS }

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,…]",
        description = "Kafka bootstrap servers (default: an embedded broker in a temporary directory).")
    String bootstrap;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs; figures are their medians (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "FACTOR",
        description = "Multiplies every execution count and duration (default ${DEFAULT-VALUE}; 0.1 for a quick look).")
    double scale;

    @Option(names = "--only", split = ",", paramLabel = "PART",
        description = "Run only these parts: ${COMPLETION-CANDIDATES} (default: all).")
    Set<Part> only;

    @Option(names = "--warmup", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "How long every shape runs before the measured runs (default ${DEFAULT-VALUE}; at least one round).")
    Duration warmup;

    @Option(names = "--partitions", defaultValue = "16", description = "Partitions of the bench's topics (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--services", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Start an executor and a worker in this process (default). With --no-services, drive those "
            + "already running against --bootstrap with the same --prefix.")
    boolean services;

    @Option(names = "--prefix", description = "Topic and consumer-group prefix (default: a fresh one per bench).")
    String prefix;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private String servers;
    private Path dir;
    private BenchClient client;
    private final Map<String, Integer> revisions = new LinkedHashMap<>();
    private Figures figures;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        figures = new Figures(out);
        if (!services && (bootstrap == null || prefix == null)) {
            throw new IllegalArgumentException("--no-services needs --bootstrap and the --prefix of the running services");
        }
        Set<Part> parts = only == null || only.isEmpty() ? EnumSet.allOf(Part.class) : EnumSet.copyOf(only);
        String usedPrefix = prefix != null ? prefix : "bench" + Ids.random().substring(0, 6).toLowerCase() + "_";
        // the scheduler part needs neither the executor nor a worker: it reads the commands it sends
        boolean executions = parts.stream().anyMatch(p -> p != Part.SCHEDULER);
        dir = Files.createTempDirectory("millrace-bench");
        EmbeddedKafka broker = null;
        ConfigurableApplicationContext context = null;
        try {
            servers = bootstrap;
            if (servers == null) {
                broker = new EmbeddedKafka(dir.resolve("kafka")).start();
                servers = broker.bootstrapServers();
            }
            KafkaClients kafka = new KafkaClients(settings(servers, usedPrefix));
            TopicsReady.ensure(kafka);
            if (services && executions) {
                context = BenchServices.start(servers, usedPrefix, partitions, dir, springArgs);
                awaitRunning(context);
            }
            out.printf("Millrace bench: %d run(s), scale %s, %d partitions, broker %s, %s%n", runs, scale, partitions,
                bootstrap == null ? "embedded" : servers, !executions ? "no executor nor worker"
                    : services ? "executor and worker in this process" : "services of prefix " + usedPrefix);
            out.printf("Java %s, %d processors, max heap %d MiB%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            out.flush();
            client = new BenchClient(kafka);
            if (executions) {
                deploy();
                warmUp();
            }
            for (int run = 1; run <= runs; run++) {
                out.printf("run %d/%d%n", run, runs);
                runOnce(parts, usedPrefix, run);
                out.flush();
            }
            if (parts.contains(Part.RECORDS)) {
                Map<String, Integer> largest = client.largestRecords(usedPrefix);
                var max = largest.entrySet().stream().max(Map.Entry.comparingByValue());
                max.ifPresent(e -> figures.add("largest record (" + e.getKey().substring(usedPrefix.length()) + ")",
                    "bytes", e.getValue(), Figures.Target.atMost((1 << 20) - 1)));
                out.println("largest record per topic (bytes):");
                largest.forEach((topic, size) -> out.printf("  %-60s %,10d%n", topic, size));
                out.println();
            }
            figures.print(out);
            out.flush();
            return 0;
        } finally {
            if (client != null) {
                client.close();
            }
            if (context != null) {
                context.close();
            }
            if (broker != null) {
                broker.close();
            }
            delete(dir);
        }
    }

    private KafkaSettings settings(String servers, String topicPrefix) {
        KafkaSettings local = KafkaSettings.local(servers);
        return new KafkaSettings(local.client(), new KafkaSettings.Defaults(topicPrefix, topicPrefix,
            new KafkaSettings.TopicDefaults(partitions, local.defaults().topic().replicationFactor(), Map.of()),
            local.defaults().consumer(), local.defaults().producer(), local.defaults().stream(), Map.of()),
            local.stream());
    }

    private static void awaitRunning(ConfigurableApplicationContext context) throws InterruptedException {
        for (ManagedStreams s : context.getBeansOfType(ManagedStreams.class).values()) {
            s.awaitRunning(Duration.ofMinutes(2));
        }
    }

    private void deploy() {
        for (String yaml : List.of(BenchFlows.twoTasks(), BenchFlows.threeTasks(), BenchFlows.parallel("parallel-10", 10),
            BenchFlows.parallel("parallel-1000", 1000), BenchFlows.forEach("foreach-100", 100, 1),
            BenchFlows.forEach("foreach-100-concurrent", 100, 0), BenchFlows.forEach("runs-100", 99, 0),
            BenchFlows.forEach("runs-10000", 9_999, 0))) {
            String id = yaml.substring(4, yaml.indexOf('\n'));
            revisions.put(id, client.deploy(yaml));
        }
    }

    private int n(int count) {
        return Math.max(1, (int) Math.round(count * scale));
    }

    /**
     * Runs every shape for {@code --warmup} before measuring: the JIT compiler of a fresh JVM keeps a
     * core busy for minutes with the broker, Kafka Streams and Millrace's code; a long-running server
     * is past that.
     */
    private void warmUp() {
        out.printf("warm-up for %d s… ", warmup.toSeconds());
        out.flush();
        long start = System.nanoTime();
        long end = start + warmup.toNanos();
        int rounds = 0;
        do {
            burst("two-tasks", n(500));
            burst("three-tasks", n(200));
            burst("parallel-10", n(50));
            sequential("two-tasks", n(20));
            sequential("foreach-100-concurrent", 1);
            rounds++;
        } while (System.nanoTime() < end);
        out.printf("%d rounds in %.0f s%n%n", rounds, (System.nanoTime() - start) / 1e9);
    }

    private void runOnce(Set<Part> parts, String usedPrefix, int run) throws Exception {
        if (parts.contains(Part.SATURATION)) {
            CpuMeter cpu = CpuMeter.start();
            List<Ended> ended = burst("two-tasks", n(3000));
            figures.add("process CPU during 2-task saturation", "cores", cpu.cores(), Figures.Target.NONE);
            ended.sort(Comparator.comparingLong(Ended::endedNanos));
            int from = ended.size() / 10;
            int to = ended.size() - 1 - ended.size() / 10;
            double seconds = (ended.get(to).endedNanos() - ended.get(from).endedNanos()) / 1e9;
            double rate = to > from && seconds > 0 ? (to - from) / seconds : ended.size() / wallSeconds(ended);
            figures.add("2-task saturation, " + ended.size() + " at once", "exec/s", rate, Figures.Target.atLeast(200));
        }
        if (parts.contains(Part.LATENCY)) {
            for (int rate : new int[] {50, 150}) {
                CpuMeter cpu = CpuMeter.start();
                List<Double> latencies = offered("two-tasks", rate, Math.max(1, Math.round(20 * scale)));
                figures.add("process CPU at " + rate + "/s", "cores", cpu.cores(), Figures.Target.NONE);
                double p50 = Stats.percentile(latencies, 50);
                double p99 = Stats.percentile(latencies, 99);
                boolean checked = rate == 150;
                figures.add("2-task latency p50 at " + rate + "/s", "ms", p50, checked ? Figures.Target.atMost(60) : Figures.Target.NONE);
                figures.add("2-task latency p95 at " + rate + "/s", "ms", Stats.percentile(latencies, 95), Figures.Target.NONE);
                figures.add("2-task latency p99 at " + rate + "/s", "ms", p99, checked ? Figures.Target.atMost(200) : Figures.Target.NONE);
            }
        }
        if (parts.contains(Part.SHAPES)) {
            for (String flow : List.of("three-tasks", "parallel-10")) {
                CpuMeter cpu = CpuMeter.start();
                List<Ended> ended = burst(flow, n(2000));
                figures.add("process CPU during " + flow + " burst", "cores", cpu.cores(), Figures.Target.NONE);
                figures.add(flow + ", " + ended.size() + " at once", "exec/s", ended.size() / wallSeconds(ended), Figures.Target.NONE);
                List<Double> latencies = sequential(flow, n(200));
                figures.add(flow + ", sequential p50", "ms", Stats.percentile(latencies, 50), Figures.Target.NONE);
                figures.add(flow + ", sequential p99", "ms", Stats.percentile(latencies, 99), Figures.Target.NONE);
            }
        }
        if (parts.contains(Part.FOREACH)) {
            double ms = sequential("foreach-100", 1).getFirst();
            figures.add("ForEach of 100 values (one at a time), wall", "ms", ms, Figures.Target.atMost(1000));
            figures.add("ForEach of 100 values (all at once), wall", "ms", sequential("foreach-100-concurrent", 1).getFirst(),
                Figures.Target.NONE);
        }
        if (parts.contains(Part.PARALLEL)) {
            figures.add("Parallel of 1,000 Log tasks, wall", "ms", sequential("parallel-1000", 1).getFirst(), Figures.Target.NONE);
        }
        if (parts.contains(Part.LARGE)) {
            String threads = usedPrefix + "executor-";
            long cpu = BenchClient.cpuNanos(threads);
            int small = 10;
            sequential("runs-100", small);
            double per100 = (BenchClient.cpuNanos(threads) - cpu) / 1e3 / (small * 100.0);
            cpu = BenchClient.cpuNanos(threads);
            double wall = sequential("runs-10000", 1).getFirst();
            double per10000 = (BenchClient.cpuNanos(threads) - cpu) / 1e3 / 10_000.0;
            figures.add("execution of 10,000 task runs, wall", "ms", wall, Figures.Target.NONE);
            if (services) {
                figures.add("executor CPU per task run, 100 runs", "µs", per100, Figures.Target.NONE);
                figures.add("executor CPU per task run, 10,000 runs", "µs", per10000, Figures.Target.NONE);
                figures.add("executor CPU growth, 100 → 10,000 runs", "×", per10000 / per100, Figures.Target.atMost(2));
            }
        }
        if (parts.contains(Part.SCHEDULER)) {
            // topics and a scheduler of its own per run: the flows are published anew and the scheduler
            // starts from an empty state, as a new installation's would
            String runPrefix = usedPrefix + "sched" + run + "_";
            new SchedulerBench(servers, partitions, springArgs, figures, out).run(
                new KafkaClients(settings(servers, runPrefix)), dir.resolve("scheduler-" + run), n(100_000), n(1_000),
                Duration.ofSeconds(Math.max(5, Math.round(30 * scale))));
        }
    }

    /** Submits {@code count} executions at once and waits for all of them. */
    private List<Ended> burst(String flow, int count) {
        List<CompletableFuture<Ended>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(client.submit(BenchFlows.NAMESPACE, flow, revisions.get(flow)));
        }
        client.flush();
        return checked(flow, BenchClient.awaitAll(futures, Duration.ofMinutes(10), flow));
    }

    /** Runs {@code count} executions one after the other; returns their latencies in ms. */
    private List<Double> sequential(String flow, int count) {
        List<Double> latencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CompletableFuture<Ended> f = client.submit(BenchFlows.NAMESPACE, flow, revisions.get(flow));
            client.flush();
            latencies.add(checked(flow, BenchClient.awaitAll(List.of(f), Duration.ofMinutes(10), flow)).getFirst()
                .latencyMillis());
        }
        return latencies;
    }

    /** Offers executions at {@code rate} per second for {@code seconds}; returns their latencies in ms. */
    private List<Double> offered(String flow, int rate, long seconds) {
        int count = (int) (rate * seconds);
        List<CompletableFuture<Ended>> futures = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            futures.add(client.submit(BenchFlows.NAMESPACE, flow, revisions.get(flow)));
        }
        return checked(flow, BenchClient.awaitAll(futures, Duration.ofMinutes(10), flow)).stream()
            .map(Ended::latencyMillis).toList();
    }

    private List<Ended> checked(String flow, List<Ended> ended) {
        long failed = ended.stream().filter(e -> e.status() != ExecutionStatus.SUCCESS).count();
        if (failed > 0) {
            throw new IllegalStateException(flow + ": " + failed + " of " + ended.size()
                + " executions did not succeed (e.g. " + ended.stream().filter(e -> e.status() != ExecutionStatus.SUCCESS)
                .findFirst().map(e -> e.id() + " " + e.status()).orElse("") + ")");
        }
        return new ArrayList<>(ended);
    }

    private static double wallSeconds(List<Ended> ended) {
        long first = ended.stream().mapToLong(Ended::sentNanos).min().orElse(0);
        long last = ended.stream().mapToLong(Ended::endedNanos).max().orElse(0);
        return Math.max(1e-9, (last - first) / 1e9);
    }

    /** Reads "60s", "2m", "500ms" or an ISO-8601 duration. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return org.springframework.boot.convert.DurationStyle.detectAndParse(value);
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the system cleans what is left
        }
    }
}
