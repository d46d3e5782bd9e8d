package io.millrace.faults;

import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The only worker killed with {@code kill -9}: no other worker takes its partitions, so no overlap ever
 * tells the detector. Its silence does: after the liveness timeout (8 s here, 30 s by default) it is
 * declared dead and the attempts it held are resubmitted; they wait on {@code worker_tasks} until a
 * new worker starts, and every execution then succeeds, each task's result applied once.
 */
@Tag("fault")
class LastWorkerKillIT {

    private static final int EXECUTIONS = 40;
    private static final Duration LIVENESS = Duration.ofSeconds(8);

    @RegisterExtension
    final Installation millrace = new Installation(8);

    @Test
    void theLastWorkersSilenceGetsItsAttemptsResubmittedForTheNextWorker() {
        millrace.startKafka();
        millrace.startWorker("w1", 50);
        millrace.startExecutor("a", "--millrace.executor.dead-workers.liveness-timeout=" + LIVENESS.toSeconds() + "s");
        millrace.awaitWorkers("w1");
        millrace.deploy("long");

        Instant begin = Instant.now();
        List<String> ids = millrace.start("long", EXECUTIONS, n -> Map.of("n", n));
        Awaitility.await("w1 to run the attempts").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
            .until(() -> millrace.runningOn("w1").size() == EXECUTIONS);
        Set<String> held = millrace.runningOn("w1");
        Instant killedAt = Instant.now();
        millrace.process("worker-w1").kill();

        // nobody overlaps the dead worker: only its silence can tell
        Awaitility.await("the attempts of w1 to be resubmitted").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200)).until(() -> resubmittedAttempts(ids).size() == EXECUTIONS);
        Instant lastResubmission = resubmittedAttempts(ids).stream().map(a -> a.state().lastDateOf(TaskRunStatus.RESUBMITTED))
            .filter(Objects::nonNull).max(Instant::compareTo).orElseThrow();
        Duration detection = Duration.between(killedAt, lastResubmission);

        millrace.startWorker("w2", 50);
        Outcome outcome = Outcome.await(millrace.feed(), ids, killedAt, Duration.ofMinutes(3));
        outcome.figures("last-worker-kill-9").add("heldByKilledWorker", held.size())
            .seconds("livenessTimeout", LIVENESS).seconds("killToLastResubmission", detection)
            .seconds("total", Duration.between(begin, Instant.now())).print();

        outcome.assertNothingLostDuplicatedOrStuck();
        outcome.assertAllEnded(ExecutionStatus.SUCCESS, ids);
        for (String id : ids) {
            TaskRun work = outcome.execution(id).taskRun("work");
            assertThat(work.attempts()).extracting(a -> a.state().current(), TaskRunAttempt::workerId).as(id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TaskRunStatus.RESUBMITTED, "w1"),
                    org.assertj.core.groups.Tuple.tuple(TaskRunStatus.SUCCESS, "w2"));
        }
        // its last heartbeat (every 5 s) came up to 5 s before the kill: the verdict follows the liveness timeout
        // after that heartbeat, never at once, since no other worker overlaps it
        assertThat(detection).as("from the kill to the last resubmission")
            .isGreaterThan(LIVENESS.minusSeconds(6)).isLessThan(LIVENESS.plusSeconds(20));
    }

    private List<TaskRunAttempt> resubmittedAttempts(List<String> ids) {
        return ids.stream().map(millrace.feed()::execution).filter(Objects::nonNull)
            .map(e -> e.taskRun("work")).filter(Objects::nonNull)
            .flatMap(r -> r.attempts().stream())
            .filter(a -> a.state().current() == TaskRunStatus.RESUBMITTED).toList();
    }
}
