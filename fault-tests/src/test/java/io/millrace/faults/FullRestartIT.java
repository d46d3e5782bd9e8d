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
 * Every process killed with {@code kill -9} mid-run (executor, workers, then the broker) and
 * started again on the same data (the broker's log directory, the executor's state directory):
 * every execution resumes and ends. Of the two workers, one comes back under a new id and the
 * other under its old one, so that one run covers both ways of returning.
 */
@Tag("fault")
class FullRestartIT {

    private static final int EXECUTIONS = 200;

    @RegisterExtension
    final Installation millrace = new Installation(8);

    @Test
    void everythingKilledAndStartedAgainFinishesEveryExecution() {
        millrace.startKafka();
        millrace.startServices(25, "w1", "w2");
        millrace.deploy("sleepy");

        Instant begin = Instant.now();
        List<String> ids = millrace.start("sleepy", EXECUTIONS, n -> Map.of("n", n));
        Awaitility.await("a quarter of the executions to end while both workers run attempts")
            .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
            .until(() -> millrace.ended(ids) >= EXECUTIONS / 4
                && !millrace.runningOn("w1").isEmpty() && !millrace.runningOn("w2").isEmpty());
        Instant killedAt = Instant.now();
        for (String name : List.of("executor-a", "worker-w1", "worker-w2", "kafka")) {
            millrace.process(name).kill();
        }
        int endedAtKill = millrace.ended(ids);

        Instant restartedAt = Instant.now();
        millrace.restartKafka();
        millrace.startWorker("w1", 25);
        millrace.startWorker("w3", 25);
        millrace.startExecutor("a");
        millrace.awaitWorkers("w1", "w3");
        Instant ready = Instant.now();

        Outcome outcome = Outcome.await(millrace.feed(), ids, ready, Duration.ofMinutes(5));
        outcome.figures("full-restart")
            .add("endedAtKill", endedAtKill).seconds("restartToReady", Duration.between(restartedAt, ready))
            .seconds("longestPause", outcome.longestPauseAcross(killedAt).orElse(null))
            .seconds("total", Duration.between(begin, Instant.now())).print();

        outcome.assertNothingLostDuplicatedOrStuck();
        outcome.assertAllEnded(ExecutionStatus.SUCCESS, ids);
        assertThat(endedAtKill).as("executions ended when everything was killed").isLessThan(EXECUTIONS);
        for (int n = 0; n < EXECUTIONS; n++) {
            Execution e = outcome.execution(ids.get(n));
            assertThat(e.header().outputs()).as(e.id()).containsEntry("echoed", "n" + n);
        }
    }
}
