package io.millrace.faults;

import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker stopped with {@code SIGTERM} while it runs long attempts: it exits within its shutdown
 * grace (plus the time to report and close), reports its unfinished attempts RESUBMITTED, and they
 * run again on the other worker at once, long before a session timeout would have noticed.
 */
@Tag("fault")
class WorkerSigtermIT {

    private static final int EXECUTIONS = 24;
    private static final Duration GRACE = Duration.ofSeconds(4);
    /** Interrupting, reporting and closing after the grace: well under a consumer session timeout (45 s). */
    private static final Duration AFTER_GRACE = Duration.ofSeconds(10);

    @RegisterExtension
    final Installation millrace = new Installation(8);

    @Test
    void aStoppedWorkerHandsItsAttemptsOverAtOnce() {
        millrace.startKafka();
        millrace.startWorker("w1", 16, "--millrace.worker.shutdown-grace=" + GRACE.toSeconds() + "s");
        millrace.startWorker("w2", 16, "--millrace.worker.shutdown-grace=" + GRACE.toSeconds() + "s");
        millrace.startExecutor("a");
        millrace.awaitWorkers("w1", "w2");
        millrace.deploy("long");

        Instant begin = Instant.now();
        List<String> ids = millrace.start("long", EXECUTIONS, n -> Map.of("n", n));
        Awaitility.await("every ten-second task to run, some on w2").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> millrace.feed().running().size() == EXECUTIONS && !millrace.runningOn("w2").isEmpty());
        Set<String> held = millrace.runningOn("w2");
        Instant stoppedAt = Instant.now();
        ServiceProcess w2 = millrace.process("worker-w2");
        w2.terminate();
        int status = w2.awaitExit(GRACE.plus(Duration.ofSeconds(60)));
        Duration exit = Duration.between(stoppedAt, Instant.now());

        Outcome outcome = Outcome.await(millrace.feed(), ids, stoppedAt, Duration.ofMinutes(3));
        Duration resubmission = outcome.lastResubmission().map(t -> Duration.between(stoppedAt, t)).orElse(null);
        outcome.figures("worker-sigterm").add("heldByStoppedWorker", held.size()).add("exitStatus", status)
            .seconds("grace", GRACE).seconds("termToExit", exit).seconds("termToLastResubmission", resubmission)
            .seconds("total", Duration.between(begin, Instant.now())).print();

        outcome.assertNothingLostDuplicatedOrStuck();
        outcome.assertAllEnded(ExecutionStatus.SUCCESS, ids);
        assertThat(exit).as("time from SIGTERM to the worker's exit").isLessThan(GRACE.plus(AFTER_GRACE));
        assertThat(outcome.resubmitted()).as("task runs resubmitted")
            .extracting(WorkerSigtermIT::key).containsExactlyInAnyOrderElementsOf(held);
        assertThat(outcome.resubmitted()).as("where the resubmitted attempts ran")
            .extracting(r -> r.lastAttempt().workerId()).containsOnly("w1");
        assertThat(resubmission).as("time from SIGTERM to the last resubmission").isLessThan(GRACE.plus(AFTER_GRACE));
    }

    /** A task run's key on {@code worker_task_running}. */
    private static String key(TaskRun r) {
        return r.executionId() + "/" + r.id();
    }
}
