package io.millrace.faults;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poison execution among 200 healthy ones: its flow outputs render far beyond Kafka's record
 * limit. It fails with a message that says so, and neither it nor its partition blocks the others.
 */
@Tag("fault")
class PoisonExecutionIT {

    private static final int HEALTHY = 200;

    @RegisterExtension
    final Installation millrace = new Installation(8);

    @Test
    void anExecutionTooLargeForKafkaFailsClearlyAndTheOthersSucceed() {
        millrace.startKafka();
        millrace.startServices(32, "w1");
        millrace.deploy("poison");
        millrace.deploy("quick");

        Instant begin = Instant.now();
        String poison = millrace.sender().start(Installation.NAMESPACE, "poison", Map.of());
        List<String> healthy = millrace.start("quick", HEALTHY, n -> Map.of("n", n));
        List<String> all = new ArrayList<>(healthy);
        all.addFirst(poison);

        Outcome outcome = Outcome.await(millrace.feed(), all, begin, Duration.ofMinutes(5));
        Execution poisoned = outcome.execution(poison);
        List<LogEntry> errors = millrace.feed().logs(poison).stream().filter(l -> l.level() == LogLevel.ERROR).toList();
        long partitionMates = healthy.stream()
            .filter(id -> millrace.feed().partitionOf(id) == millrace.feed().partitionOf(poison)).count();
        outcome.figures("poison-execution").add("poison", poisoned == null ? "lost" : poisoned.status())
            .add("healthyOnItsPartition", partitionMates)
            .add("poisonError", errors.isEmpty() ? "-" : '"' + errors.getFirst().message() + '"')
            .seconds("total", Duration.between(begin, Instant.now())).print();

        outcome.assertNothingLostDuplicatedOrStuck();
        outcome.assertAllEnded(ExecutionStatus.SUCCESS, healthy);
        assertThat(poisoned.status()).as("the poison execution").isEqualTo(ExecutionStatus.FAILED);
        assertThat(errors).as("error lines of the poison execution").extracting(LogEntry::message)
            .anyMatch(m -> m.matches("(?is).*(too large|too big|exceed|limit).*"));
    }
}
