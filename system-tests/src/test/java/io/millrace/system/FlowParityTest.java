package io.millrace.system;

import com.sun.net.httpserver.HttpServer;
import io.millrace.executor.local.FlowHarness;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.command.KillExecution;
import io.millrace.model.command.ReplayExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.command.ResumeExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.serde.FlowParser;
import io.millrace.util.Ids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario flow of the orchestrator's test suite, run twice: through the in-process
 * {@link FlowHarness} and through the real services on a real broker (two executors, two workers,
 * four partitions).
 * Both must end the same way: same execution states, same task runs with the same states and the
 * same number of attempts. Long waits (pause delays, retry intervals) are shortened the same way for
 * both, so the suite stays fast on the real clock.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FlowParityTest {

    private static final String NS = "millrace.tests";
    private static final String[] FLOWS = {
        "sequential-nested", "parallel-limit", "parallel-failure", "foreach", "foreach-nested", "foreach-failure",
        "each-parallel", "foreach-empty", "if-switch", "dag", "dag-failure", "allow-failure", "waitfor",
        "waitfor-max", "errors-global-and-local", "pause-manual", "pause-delay", "pause-timeout", "pause-behaviors",
        "pause-cancel", "subflow-child", "subflow-parent", "subflow-variants", "retry", "retry-new-execution",
        "retry-flow-level", "retry-flow-new-execution", "timeout", "kill", "kill-child", "restart",
        "concurrency-queue", "concurrency-cancel", "concurrency-fail", "outputs", "run-if", "logs", "inputs",
        "scheduled", "runnables"};

    /** Tasks whose number of attempts depends on random waits. */
    private static final Set<String> RANDOM_ATTEMPTS = Set.of("bounded");

    private static MillraceCluster cluster;
    private static HttpServer http;
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    @BeforeAll
    static void start(@BootstrapServers String bootstrap, @TempDir Path dir) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/data", exchange -> {
            byte[] body = "{\"items\":[{\"price\":2.5},{\"price\":4}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        for (String name : FLOWS) {
            SOURCES.put(name, shortenWaits(resource("/flows/" + name + ".yaml")));
        }
        cluster = new MillraceCluster(bootstrap, 4, dir);
        cluster.startExecutor("a", 1);
        cluster.startExecutor("b", 1);
        cluster.startWorker("w1", 8);
        cluster.startWorker("w2", 8);
        SOURCES.values().forEach(cluster::deploy);
    }

    @AfterAll
    static void stop() {
        cluster.close();
        http.stop(0);
    }

    record Case(String name, Function<Runner, List<Execution>> script) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String flow : List.of("sequential-nested", "parallel-limit", "parallel-failure", "foreach",
            "foreach-nested", "foreach-failure", "each-parallel", "foreach-empty", "dag", "dag-failure",
            "allow-failure", "waitfor", "waitfor-max", "errors-global-and-local", "pause-delay", "pause-timeout",
            "pause-behaviors", "pause-cancel", "subflow-variants", "retry", "timeout", "outputs", "run-if", "logs",
            "scheduled")) {
            cases.add(single(flow, Map.of()));
        }
        cases.add(single("if-switch", Map.of("flag", "true", "kind", "json")));
        cases.add(single("if-switch", Map.of("flag", "0")));
        cases.add(single("subflow-parent", Map.of()));
        cases.add(single("subflow-parent", Map.of("fail", "true")));
        cases.add(single("outputs", Map.of("broken", "true")));
        cases.add(single("inputs", Map.of("count", "41")));
        cases.add(single("inputs", Map.of("count", "forty")));
        cases.add(new Case("runnables", r -> List.of(r.await(r.start("runnables",
            Map.of("url", "http://127.0.0.1:" + http.getAddress().getPort()))))));
        cases.add(new Case("pause-manual resumed", r -> {
            String id = r.start("pause-manual", Map.of());
            r.awaitUntil(id, e -> e.status() == ExecutionStatus.PAUSED);
            r.send(new ResumeExecution(id));
            return List.of(r.await(id));
        }));
        cases.add(new Case("kill", r -> {
            String id = r.start("kill", Map.of());
            r.awaitUntil(id, e -> running(e, "long") && running(e, "child"));
            r.send(new KillExecution(id));
            return List.of(r.await(id));
        }));
        cases.add(new Case("restart", r -> {
            String id = r.start("restart", Map.of());
            Execution failed = r.await(id);
            r.send(new RestartExecution(id));
            return List.of(failed, r.awaitUntil(id, e -> e.status() == ExecutionStatus.SUCCESS));
        }));
        cases.add(new Case("replay", r -> {
            String id = r.start("sequential-nested", Map.of());
            Execution source = r.await(id);
            String replay = Ids.random();
            r.send(new ReplayExecution(id, replay, source.taskRun("inner").id()));
            return List.of(r.await(replay));
        }));
        cases.add(new Case("retry-new-execution", r -> {
            r.start("retry-new-execution", Map.of());
            return r.ended("retry-new-execution", 3);
        }));
        cases.add(new Case("retry-flow-new-execution", r -> {
            r.start("retry-flow-new-execution", Map.of());
            return r.ended("retry-flow-new-execution", 2);
        }));
        cases.add(new Case("retry-flow-level", r -> {
            String id = r.start("retry-flow-level", Map.of());
            return List.of(r.awaitUntil(id, e -> e.status() == ExecutionStatus.SUCCESS));
        }));
        for (String flow : List.of("concurrency-queue", "concurrency-cancel", "concurrency-fail")) {
            cases.add(new Case(flow, r -> {
                r.holdTimers();
                String first = r.start(flow, Map.of());
                r.awaitUntil(first, e -> e.status() == ExecutionStatus.PAUSED);
                String second = r.start(flow, Map.of());
                r.awaitUntil(second, e -> e.status() != ExecutionStatus.CREATED);
                r.releaseTimers();
                return List.of(r.await(first), r.await(second));
            }));
        }
        return cases.stream();
    }

    private static Case single(String flow, Map<String, Object> inputs) {
        return new Case(flow + (inputs.isEmpty() ? "" : " " + inputs), r -> List.of(r.await(r.start(flow, inputs))));
    }

    private static boolean running(Execution e, String taskId) {
        return e.taskRuns(taskId).stream().anyMatch(t -> t.status() == TaskRunStatus.RUNNING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theServicesOnKafkaEndLikeTheHarness(Case scenario) {
        List<Execution> expected;
        try (FlowHarness harness = FlowHarness.builder().virtualTime(Instant.parse("2026-01-05T09:00:00Z"))
            .secrets(MillraceCluster.secrets()).build()) {
            FlowParser parser = new FlowParser();
            SOURCES.values().forEach(y -> harness.deploy(parser.parse(y)));
            expected = scenario.script().apply(new HarnessRunner(harness));
        }
        List<Execution> actual = scenario.script().apply(new ClusterRunner(cluster));

        assertThat(actual.stream().map(FlowParityTest::shape).toList())
            .as(scenario.name())
            .isEqualTo(expected.stream().map(FlowParityTest::shape).toList());
    }

    /** What must match: the execution's state, and each task run's task, value, state and attempts. */
    static String shape(Execution e) {
        List<String> runs = new ArrayList<>();
        for (TaskRun r : e.taskRuns()) {
            runs.add(r.taskId() + "[" + r.value() + (r.iteration() == null ? "" : "#" + r.iteration()) + "]="
                + r.status() + (RANDOM_ATTEMPTS.contains(r.taskId()) ? "" : "x" + r.attempts().size()));
        }
        runs.sort(null);
        return e.status() + " " + runs + (e.header().outputs() == null ? "" : " outputs=" + e.header().outputs());
    }

    /** Long waits shortened for the real clock: any duration over a second of a wait property. */
    static String shortenWaits(String yaml) {
        Pattern p = Pattern.compile("(?m)^(\\s*(?:delay|pauseDuration|interval|minInterval|maxInterval|maxDuration"
            + "|timeout):\\s*)(PT[0-9.HMS]+)\\s*$");
        Matcher m = p.matcher(yaml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Duration d = Duration.parse(m.group(2));
            String value = m.group(2);
            if (d.compareTo(Duration.ofSeconds(1)) > 0) {
                long ms = Math.max(1_000, Math.min(3_000, d.toMillis() / 30));
                value = "PT" + (ms / 1000.0) + "S";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FlowParityTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The scenario on the harness. */
    private record HarnessRunner(FlowHarness harness) implements Runner {
        public String start(String flowId, Map<String, Object> inputs) {
            return harness.start(NS, flowId, inputs);
        }

        public Execution await(String id) {
            return harness.await(id);
        }

        public Execution awaitUntil(String id, Predicate<Execution> condition) {
            return harness.await(id, condition, false);
        }

        public void send(ExecutionCommand command) {
            harness.send(command);
        }

        public List<Execution> ended(String flowId, int count) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<Execution> all = harness.executions(NS, flowId);
                return all.size() == count && all.stream().allMatch(x -> x.status().isTerminal());
            });
            return harness.executions(NS, flowId);
        }

        public void holdTimers() {
            harness.holdTimers();
        }

        public void releaseTimers() {
            harness.releaseTimers();
        }
    }

    /** The scenario on the services over Kafka. */
    private record ClusterRunner(MillraceCluster cluster) implements Runner {
        public String start(String flowId, Map<String, Object> inputs) {
            return cluster.start(NS, flowId, inputs);
        }

        public Execution await(String id) {
            return cluster.await(id);
        }

        public Execution awaitUntil(String id, Predicate<Execution> condition) {
            return cluster.await(id, condition, Duration.ofSeconds(60));
        }

        public void send(ExecutionCommand command) {
            cluster.send(command);
        }

        public List<Execution> ended(String flowId, int count) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<Execution> all = cluster.executions(NS, flowId);
                return all.size() >= count && all.stream().allMatch(x -> x.status().isTerminal());
            });
            List<Execution> all = cluster.executions(NS, flowId);
            return all.subList(all.size() - count, all.size()).stream().map(e -> cluster.await(e.id())).toList();
        }
    }
}
