package io.millrace.faults;

import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
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
 * One of two executors killed with {@code kill -9} under load: the other takes its partitions
 * over, and every execution ends with the same task runs (task ids, values, states, outputs, in
 * order) as the execution with the same input in a fault-free run before.
 */
@Tag("fault")
class ExecutorKillIT {

    private static final int EXECUTIONS = 200;
    /** Executions of the fault-free run; the n-th execution under the fault has the input of the (n % REFERENCE)-th. */
    private static final int REFERENCE = 100;
    /** Executions in progress at a time while the executor is killed. */
    private static final int IN_FLIGHT = 40;

    @RegisterExtension
    final Installation millrace = new Installation(8);

    @Test
    void theSurvivingExecutorFinishesEveryExecutionAsAFaultFreeRunDoes() {
        millrace.startKafka();
        millrace.startServices(32, "w1");
        millrace.startExecutor("b");
        millrace.deploy("steps");

        List<String> reference = millrace.start("steps", REFERENCE, n -> Map.of("n", n));
        Outcome faultFree = Outcome.await(millrace.feed(), reference, Instant.now(), Duration.ofMinutes(5));
        faultFree.assertNothingLostDuplicatedOrStuck();
        faultFree.assertAllEnded(ExecutionStatus.SUCCESS, reference);

        Set<Integer> owned = millrace.executorPartitions("b");
        Instant begin = Instant.now();
        Load load = millrace.load("steps", n -> Map.of("n", n % REFERENCE), IN_FLIGHT).startUntil(EXECUTIONS / 3);
        long affected = load.ids().stream().filter(id -> owned.contains(millrace.feed().partitionOf(id)))
            .map(millrace.feed()::execution).filter(e -> e == null || !e.status().isTerminal()).count();
        Instant killedAt = Instant.now();
        millrace.process("executor-b").kill();
        List<String> ids = load.startUntil(EXECUTIONS).ids();

        Outcome outcome = Outcome.await(millrace.feed(), ids, killedAt, Duration.ofMinutes(5));
        outcome.figures("executor-kill-9").add("partitionsOfKilledExecutor", owned.size())
            .add("inProgressOnThemAtKill", affected)
            .seconds("longestPause", outcome.longestPauseAcross(killedAt).orElse(null))
            .seconds("faultFreeRun", faultFree.waited()).seconds("total", Duration.between(begin, Instant.now())).print();

        outcome.assertNothingLostDuplicatedOrStuck();
        outcome.assertAllEnded(ExecutionStatus.SUCCESS, ids);
        assertThat(affected).as("executions the killed executor had in progress").isPositive();
        for (int n = 0; n < EXECUTIONS; n++) {
            assertThat(sequence(outcome.execution(ids.get(n)))).as("task runs of the execution with n=" + n % REFERENCE)
                .isEqualTo(sequence(faultFree.execution(reference.get(n % REFERENCE))));
        }
    }

    /** What two runs of one execution must agree on: each task run's task, value, state and outputs, in order. */
    private static List<String> sequence(Execution e) {
        return e.taskRuns().stream().map(ExecutorKillIT::describe).toList();
    }

    private static String describe(TaskRun r) {
        return r.taskId() + "[" + r.value() + "] " + r.status() + " " + r.outputs();
    }
}
