package io.millrace.faults;

import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.topics.Topic;
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
 * A three-broker KRaft cluster (three replicas, two in sync, for every topic) loses a broker to
 * {@code kill -9} mid-run, the active controller: no execution is lost and none is stuck.
 */
@Tag("fault")
class BrokerKillIT {

    private static final int EXECUTIONS = 200;
    /** Executions in progress at a time while the broker is killed. */
    private static final int IN_FLIGHT = 40;

    @RegisterExtension
    final Installation millrace = new Installation(8);

    @Test
    void theClusterLosesABrokerAndEveryExecutionStillEnds() {
        millrace.startKafkaCluster(3);
        millrace.startServices(32, "w1");
        millrace.deploy("steps");

        Instant begin = Instant.now();
        Load load = millrace.load("steps", n -> Map.of("n", n), IN_FLIGHT).startUntil(EXECUTIONS / 3);
        // by now every topic exists, the transaction state included; one Kafka Streams has just
        // created may not be described by every broker yet
        List<String> problems = Awaitility.await("the topics to be described").atMost(Duration.ofSeconds(60))
            .ignoreExceptions().until(() -> millrace.kafkaFacts().replicationProblems(3, 2), p -> true);
        assertThat(problems).as("topics without 3 replicas and 2 in sync").isEmpty();
        int victim = millrace.kafkaFacts().quorumLeader();
        Set<Integer> led = millrace.kafkaFacts().partitionsLedBy(victim, Topic.EXECUTIONS);
        Instant killedAt = Instant.now();
        millrace.process("kafka-" + victim).kill();
        List<String> ids = load.startUntil(EXECUTIONS).ids();

        Outcome outcome = Outcome.await(millrace.feed(), ids, killedAt, Duration.ofMinutes(5));
        long onLed = ids.stream().filter(id -> led.contains(millrace.feed().partitionOf(id))).count();
        outcome.figures("broker-kill-9").add("killedBroker", victim + "(controller)")
            .add("executionsOnPartitionsItLed", onLed)
            .seconds("longestPause", outcome.longestPauseAcross(killedAt).orElse(null))
            .seconds("total", Duration.between(begin, Instant.now())).print();

        outcome.assertNothingLostDuplicatedOrStuck();
        outcome.assertAllEnded(ExecutionStatus.SUCCESS, ids);
        for (int n = 0; n < EXECUTIONS; n++) {
            Execution e = outcome.execution(ids.get(n));
            assertThat(e.taskRun("last").outputs()).as(e.id()).containsEntry("value", "a" + n + "-y" + n);
        }
    }
}
