package io.millrace.cli;

import io.millrace.serde.Json;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code millrace server standalone --kafka-port PORT}, then a worker and an executor started with
 * {@code --bootstrap 127.0.0.1:PORT} as separate processes: they join the standalone's groups and run its
 * executions; then all three stop on SIGTERM within their grace period.
 */
class StandaloneJoinIT {

    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final int EXECUTIONS = 16;

    @TempDir
    Path dir;

    @RegisterExtension
    final MillraceProcesses processes = new MillraceProcesses();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWorkerAndAnExecutorJoinAStandaloneAtItsKafkaPortAndRunItsTasks() throws Exception {
        int kafkaPort = MillraceProcesses.freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        MillraceProcess standalone = processes.start("standalone", "1g", "server", "standalone", "--dir", dir.resolve("data").toString(),
            "--port", String.valueOf(MillraceProcesses.freePort()), "--kafka-port", String.valueOf(kafkaPort));
        standalone.awaitStdout("Ctrl-C stops it", START);
        assertThat(standalone.stdout()).contains("Kafka on " + bootstrap + ",", "--bootstrap " + bootstrap);
        String api = standalone.stdout().replaceAll("(?s).*API on (http://localhost:\\d+).*", "$1");

        MillraceProcess worker = processes.start("joined-worker", "256m", "server", "worker", "--bootstrap", bootstrap,
            "--millrace.worker.id=joined", "--millrace.worker.work-dir=" + dir.resolve("joined-work"));
        MillraceProcess executor = processes.start("joined-executor", "384m", "server", "executor", "--bootstrap", bootstrap,
            "--millrace.kafka.stream.state-dir=" + dir.resolve("joined-streams"));
        worker.awaitStdout("is running", START);
        executor.awaitStdout("is running", START);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            await("the joined worker owns partitions, the joined executor is a second executor process")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> !partitionsOf(admin, "millrace_worker", "millrace_worker-joined-tasks").isEmpty()
                    && streamsProcesses(admin, "millrace_executor") == 2);
        }

        post(api + "/api/v1/flows", "application/x-yaml", """
            id: joined
            namespace: company.team
            tasks:
              - id: hello
                type: io.kestra.plugin.core.debug.Return
                format: "{{ execution.id }}"
            """);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            ids.add((String) Json.toMap(Json.parse(post(api + "/api/v1/executions/company.team/joined?wait=true",
                "application/json", ""))).get("id"));
        }

        Set<String> workers = new HashSet<>();
        for (String id : ids) {
            await("execution " + id + " stored as ended").atMost(Duration.ofSeconds(30))
                .until(() -> attemptsOf(api, id) != null);
            Map<String, Object> execution = Json.toMap(Json.parse(get(api + "/api/v1/executions/" + id)));
            assertThat(((Map<?, ?>) execution.get("state")).get("current")).as(id).isEqualTo("SUCCESS");
            workers.addAll(attemptsOf(api, id));
        }
        // two workers with 8 partitions each: 16 executions all on the standalone's would be a 1 in 65536 draw
        assertThat(workers).as("the workers that ran the attempts").contains("joined");

        for (MillraceProcess p : List.of(worker, executor, standalone)) {
            p.terminate();
        }
        for (MillraceProcess p : List.of(worker, executor, standalone)) {
            assertThat(p.awaitExit(GRACE.plusSeconds(10))).as("exit status").isEqualTo(128 + 15);
            System.out.printf("stopped in %d ms%n", p.stopTime().toMillis());
            assertThat(p.stopTime()).isLessThan(GRACE);
        }
    }

    /** The workers of the ended execution's attempts, or null while the store does not show it ended. */
    @SuppressWarnings("unchecked")
    private List<String> attemptsOf(String api, String id) throws IOException, InterruptedException {
        Map<String, Object> execution = Json.toMap(Json.parse(get(api + "/api/v1/executions/" + id)));
        List<Map<String, Object>> taskRuns = (List<Map<String, Object>>) execution.get("taskRunList");
        if (taskRuns == null || taskRuns.isEmpty() || !"SUCCESS".equals(((Map<?, ?>) execution.get("state")).get("current"))) {
            return null;
        }
        return taskRuns.stream()
            .flatMap(t -> ((List<Map<String, Object>>) t.getOrDefault("attempts", List.of())).stream())
            .map(a -> (String) a.get("workerId"))
            .toList();
    }

    private static Set<String> partitionsOf(Admin admin, String group, String clientId) throws Exception {
        ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return g.members().stream().filter(m -> m.clientId().equals(clientId))
            .flatMap(m -> m.assignment().topicPartitions().stream())
            .map(Object::toString).collect(Collectors.toSet());
    }

    /** How many processes have stream threads in the group of a Kafka Streams application. */
    private static long streamsProcesses(Admin admin, String application) throws Exception {
        ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(application)).all().get().get(application);
        return g.members().stream().map(MemberDescription::clientId)
            .map(id -> id.replaceFirst("-StreamThread-.*", "")).distinct().count();
    }

    private String post(String uri, String type, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST " + uri + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }

    private String get(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
