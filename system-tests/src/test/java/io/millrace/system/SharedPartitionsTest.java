package io.millrace.system;

import io.millrace.kafka.streams.ManagedStreams;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.topics.Topic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two executors and two workers share the partitions of one installation: both executors own
 * partitions, both workers run tasks, and every execution ends with exactly the task runs and
 * outputs it should have, also when an executor leaves in the middle and the other takes over
 * its partitions (exactly once: no task submitted twice, no result lost).
 */
@ExtendWith(KafkaBrokerExtension.class)
class SharedPartitionsTest {

    private static final int TASK_RUNS = 9;
    private static final Set<String> FLOWABLES = Set.of("fan", "each");

    private MillraceCluster cluster;
    private ManagedStreams a;
    private ManagedStreams b;

    @BeforeEach
    void start(@BootstrapServers String bootstrap, @TempDir Path dir) throws IOException {
        cluster = new MillraceCluster(bootstrap, 4, dir);
        a = cluster.startExecutor("a", 1);
        b = cluster.startExecutor("b", 1);
        cluster.startWorker("w1", 4);
        cluster.startWorker("w2", 4);
        try (InputStream in = getClass().getResourceAsStream("/flows/shared.yaml")) {
            cluster.deploy(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8));
        }
        String commands = cluster.kafka().topic(Topic.EXECUTION_COMMANDS);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            Set<String> all = new TreeSet<>(a.activePartitions());
            all.addAll(b.activePartitions());
            return all.stream().filter(p -> p.startsWith(commands + "-")).count() == 4
                && !a.activePartitions().isEmpty() && !b.activePartitions().isEmpty();
        });
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void bothExecutorsAndBothWorkersTakePartAndEveryExecutionIsRight() {
        List<String> ids = startMany(40, 0);

        List<Execution> ended = cluster.awaitAll(ids, Duration.ofSeconds(60));

        Set<String> workers = new HashSet<>();
        for (int i = 0; i < ended.size(); i++) {
            assertCorrect(ended.get(i), i);
            ended.get(i).taskRuns().forEach(r -> r.attempts().stream().map(TaskRunAttempt::workerId)
                .filter(Objects::nonNull).forEach(workers::add));
        }
        assertThat(workers).as("workers that ran tasks").containsExactlyInAnyOrder("w1", "w2");
        assertThat(a.activePartitions()).isNotEmpty();
        assertThat(b.activePartitions()).isNotEmpty();
        assertThat(a.activePartitions()).doesNotContainAnyElementsOf(b.activePartitions());
    }

    @Test
    void anExecutorThatLeavesMidwayHandsItsExecutionsOverIntact() {
        List<String> ids = startMany(30, 100);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
            .until(() -> ids.stream().map(cluster::execution).filter(Objects::nonNull).count() >= 5);

        b.stop();
        List<String> more = startMany(10, 130);

        List<String> all = new ArrayList<>(ids);
        all.addAll(more);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.activePartitions().stream()
            .filter(p -> p.startsWith(cluster.kafka().topic(Topic.EXECUTION_COMMANDS) + "-")).count() == 4);
        List<Execution> ended = cluster.awaitAll(all, Duration.ofSeconds(60));
        for (int i = 0; i < ended.size(); i++) {
            assertCorrect(ended.get(i), i < ids.size() ? 100 + i : 130 + i - ids.size());
        }
    }

    private List<String> startMany(int count, int from) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(cluster.start("millrace.tests", "shared", Map.of("n", from + i)));
        }
        return ids;
    }

    private static void assertCorrect(Execution e, int n) {
        assertThat(e.status()).as(e.id()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(e.taskRuns()).as(e.id() + " task runs").hasSize(TASK_RUNS);
        for (TaskRun r : e.taskRuns()) {
            assertThat(r.status()).as(r.taskId()).isEqualTo(TaskRunStatus.SUCCESS);
            // flowables (fan, each) run in the executor and have no attempts; the rest ran once on a worker
            assertThat(r.attempts()).as(r.taskId() + " attempts").hasSize(FLOWABLES.contains(r.taskId()) ? 0 : 1);
        }
        assertThat(e.taskRuns("item")).extracting(TaskRun::value).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(e.taskRun("sum").outputs()).containsEntry("value", "a" + n + "-c" + n + "-y" + n);
    }
}
