package io.millrace.cli;

import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.topics.Topic;
import io.millrace.worker.KafkaFixture;
import io.millrace.worker.TestTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code millrace server worker} processes stopped with SIGTERM while they run long attempts: within the
 * grace period they report their attempts RESUBMITTED, or, when they cannot, exit anyway at its end with
 * one line naming what they abandoned. The test plays the executor on a real broker.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerShutdownIT {

    private static final Duration START = Duration.ofMinutes(2);
    /** JVM teardown after the last hook, and the time the signal takes to arrive. */
    private static final Duration EXIT_SLACK = Duration.ofSeconds(3);
    /** The exit status of a JVM ended by SIGTERM whose shutdown hooks all finished. */
    private static final int SIGTERM_STATUS = 128 + 15;

    private KafkaFixture kafka;
    @RegisterExtension
    final MillraceProcesses processes = new MillraceProcesses();

    @BeforeEach
    void topicsOfTheirOwn(@BootstrapServers String bootstrap) {
        kafka = new KafkaFixture(bootstrap);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aTerminatedWorkerReportsItsRunningAttemptsResubmittedWithinItsGracePeriod() throws Exception {
        Duration grace = Duration.ofSeconds(8);
        KafkaFixture.TopicReader<WorkerTaskRunning> running = kafka.reader(Topic.WORKER_TASK_RUNNING);
        KafkaFixture.TopicReader<WorkerTaskResult> results = kafka.reader(Topic.WORKER_TASK_RESULTS);
        MillraceProcess worker = worker("graceful", "--millrace.shutdown.grace-period=8s");
        for (int i = 0; i < 3; i++) {
            kafka.send(TestTasks.sleep("exec-" + i, "long-" + i, Duration.ofMinutes(5)));
        }
        await().atMost(START).until(() -> running.values(r -> r.workerId().equals("graceful")).size() == 3);

        worker.terminate();

        assertThat(worker.awaitExit(grace.plusSeconds(10))).as("exit status").isEqualTo(SIGTERM_STATUS);
        System.out.printf("the worker stopped in %d ms (grace period %s)%n", worker.stopTime().toMillis(), grace);
        assertThat(worker.stopTime()).isLessThan(grace.plus(EXIT_SLACK));
        await().atMost(Duration.ofSeconds(10)).until(() -> results.values().size() == 3);
        assertThat(results.values())
            .extracting(WorkerTaskResult::taskRunId, WorkerTaskResult::attempt, WorkerTaskResult::status,
                WorkerTaskResult::workerId)
            .containsExactlyInAnyOrder(
                tuple("long-0", 1, TaskRunStatus.RESUBMITTED, "graceful"),
                tuple("long-1", 1, TaskRunStatus.RESUBMITTED, "graceful"),
                tuple("long-2", 1, TaskRunStatus.RESUBMITTED, "graceful"));
        assertThat(worker.stderrLines()).noneMatch(l -> l.contains("not stopped within"));
    }

    @Test
    void aWorkerThatCannotStopWithinTheGracePeriodExitsAtItsEndNamingWhatItAbandoned() throws Exception {
        Duration grace = Duration.ofSeconds(4);
        KafkaFixture.TopicReader<WorkerTaskRunning> running = kafka.reader(Topic.WORKER_TASK_RUNNING);
        // its own wait for attempts is longer than the process may take: it is wedged on purpose
        MillraceProcess worker = worker("wedged", "--millrace.shutdown.grace-period=4s",
            "--millrace.worker.shutdown-grace=60s");
        kafka.send(TestTasks.sleep("exec-w", "long-w", Duration.ofMinutes(5)));
        await().atMost(START).until(() -> !running.values(r -> r.workerId().equals("wedged")).isEmpty());

        worker.terminate();

        assertThat(worker.awaitExit(grace.plusSeconds(10))).as("exit status").isEqualTo(ShutdownWatchdog.HALTED);
        System.out.printf("the wedged worker exited after %d ms (grace period %s)%n", worker.stopTime().toMillis(), grace);
        assertThat(worker.stopTime()).isBetween(grace, grace.plus(EXIT_SLACK));
        assertThat(worker.stderrLines().getLast()).isEqualTo("millrace: not stopped within the grace period of 4 s "
            + "(millrace.shutdown.grace-period); exiting anyway, abandoning: worker wedged with 1 task attempt unfinished");
        assertThat(String.join("\n", worker.stderrLines())).doesNotContain("\tat ", "Exception");
    }

    private MillraceProcess worker(String id, String... settings) {
        List<String> args = new ArrayList<>(List.of("server", "worker",
            "--bootstrap", kafka.settings().client().properties().get("bootstrap.servers"),
            "--millrace.worker.id=" + id,
            "--millrace.kafka.defaults.topic-prefix=" + kafka.prefix(),
            "--millrace.kafka.defaults.consumer-prefix=" + kafka.prefix(),
            "--millrace.kafka.defaults.topic.partitions=" + KafkaFixture.PARTITIONS));
        args.addAll(List.of(settings));
        MillraceProcess worker = processes.start(id, "256m", args.toArray(String[]::new));
        worker.awaitStdout("is running", START);
        return worker;
    }
}
