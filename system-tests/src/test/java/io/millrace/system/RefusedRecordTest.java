package io.millrace.system;

import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record the broker refuses although the executor measured it (an operator lowered a topic's
 * {@code max.message.bytes} after the executor started): under exactly-once the whole transaction aborts
 * and the stream processes the same input again. The executor remembers which input led to the refusal
 * and fails that one execution the second time, so the stream goes on and every other execution ends.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RefusedRecordTest {

    private MillraceCluster cluster;

    @BeforeEach
    void start(@BootstrapServers String bootstrap, @TempDir Path dir) throws Exception {
        // the refusal kills a stream thread on purpose (it is replaced): not a failure of the test
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        cluster = new MillraceCluster(bootstrap, 2, dir);
        try (Admin admin = Admin.create(cluster.kafka().admin())) {
            ConfigResource taskRuns = new ConfigResource(ConfigResource.Type.TOPIC, cluster.kafka().topic(Topic.TASKRUNS));
            admin.incrementalAlterConfigs(Map.of(taskRuns, List.of(new AlterConfigOp(
                new ConfigEntry("max.message.bytes", "65536"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        }
        cluster.startExecutor("a", 1);
        cluster.startWorker("w1", 8);
        cluster.deploy("""
            id: refused
            namespace: millrace.tests
            tasks:
              - id: produce
                type: io.millrace.core.debug.Return
                format: "{{ range(1, 30000) | join(',') }}"
            """);
        cluster.deploy("""
            id: fine
            namespace: millrace.tests
            inputs:
              - id: n
                type: INT
            tasks:
              - id: echo
                type: io.millrace.core.debug.Return
                format: "n{{ inputs.n }}"
            """);
    }

    @AfterEach
    void stop() {
        cluster.close();
        Awaitility.reset();
    }

    @Test
    void theExecutionWhoseRecordIsRefusedFailsAndTheOthersEnd() {
        List<String> fine = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fine.add(cluster.start("millrace.tests", "fine", Map.of("n", i)));
        }
        String refused = cluster.start("millrace.tests", "refused", Map.of());
        for (int i = 20; i < 40; i++) {
            fine.add(cluster.start("millrace.tests", "fine", Map.of("n", i)));
        }

        Execution failed = cluster.await(refused, e -> e.status().isTerminal(), Duration.ofSeconds(90));
        List<Execution> ended = cluster.awaitAll(fine, Duration.ofSeconds(90));

        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.taskRun("produce").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(failed.taskRun("produce").error()).contains("Kafka refused a record", "RecordTooLargeException");
        assertThat(ended).allSatisfy(e -> assertThat(e.status()).as(e.id()).isEqualTo(ExecutionStatus.SUCCESS));
    }
}
