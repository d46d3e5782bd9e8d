package io.millrace.faults;

import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker killed with {@code kill -9} while 500 executions run one-second tasks on two workers:
 * the attempts it held are resubmitted (a RESUBMITTED attempt, then a new one on the other
 * worker), every execution succeeds, and no result is applied twice.
 */
@Tag("fault")
class WorkerKillIT {

    private static final int EXECUTIONS = 500;
    /** The target is 15 s; the bound leaves room for a busy machine. */
    private static final Duration RESUBMISSION_BOUND = Duration.ofSeconds(45);

    @RegisterExtension
    final Installation millrace = new Installation(8);

    @Test
    void theAttemptsOfAKilledWorkerRunAgainAndEveryExecutionSucceedsOnce() {
        millrace.startKafka();
        millrace.startServices(25, "w1", "w2");
        millrace.deploy("sleepy");

        Instant begin = Instant.now();
        List<String> ids = millrace.start("sleepy", EXECUTIONS, n -> Map.of("n", n));
        Awaitility.await("a quarter of the executions to end while w2 runs attempts").atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> millrace.ended(ids) >= EXECUTIONS / 4 && !millrace.runningOn("w2").isEmpty());
        Instant killedAt = Instant.now();
        millrace.process("worker-w2").kill();

        Outcome outcome = Outcome.await(millrace.feed(), ids, killedAt, Duration.ofMinutes(5));
        Duration resubmission = outcome.lastResubmission().map(t -> Duration.between(killedAt, t)).orElse(null);
        // what the worker took and never reported: resubmitted since, or still recorded as its own
        int held = outcome.resubmitted().size() + outcome.heldBy("w2").size();
        outcome.figures("worker-kill-9").add("heldByKilledWorker", held)
            .seconds("killToLastResubmission", resubmission)
            .seconds("longestPause", outcome.longestPauseAcross(killedAt).orElse(null)).seconds("total", Duration.between(begin, Instant.now()))
            .print();

        outcome.assertNothingLostDuplicatedOrStuck();
        outcome.assertAllEnded(ExecutionStatus.SUCCESS, ids);
        assertThat(outcome.resubmitted()).as("task runs resubmitted after the kill").isNotEmpty();
        for (int n = 0; n < EXECUTIONS; n++) {
            Execution e = outcome.execution(ids.get(n));
            assertThat(e.taskRun("echo").outputs()).as(e.id()).containsEntry("value", "n" + n);
            assertThat(e.header().outputs()).as(e.id()).containsEntry("echoed", "n" + n);
        }
        assertThat(resubmission).as("time from the kill to the last resubmission").isLessThan(RESUBMISSION_BOUND);
    }
}
