package io.millrace.system;

import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.DeadWorker;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.worker.Worker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers join and leave while executions run, with more workers than partitions at times: the dead-worker
 * detector must tell a live worker left with no partition from a dead one. Only the workers that stopped
 * are ever declared dead, no attempt of a live worker is sent again, and every execution ends right.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerChurnTest {

    private static final int PARTITIONS = 4;

    private MillraceCluster cluster;

    @BeforeEach
    void start(@BootstrapServers String bootstrap, @TempDir Path dir) throws IOException {
        cluster = new MillraceCluster(bootstrap, PARTITIONS, dir);
        cluster.startExecutor("a", 2);
        try (InputStream in = getClass().getResourceAsStream("/flows/churn.yaml")) {
            cluster.deploy(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void onlyWorkersThatStoppedAreDeclaredDeadAndNoLiveAttemptRunsTwice() {
        Worker w1 = cluster.startWorker("w1", 8);
        cluster.startWorker("w2", 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(cluster.start("millrace.tests", "churn", Map.of("n", i)));
        }
        awaitEnded(ids, 10);

        // six workers for four partitions: two of them own none, and say so
        Worker w3 = cluster.startWorker("w3", 8);
        cluster.startWorker("w4", 8);
        Worker w5 = cluster.startWorker("w5", 8);
        cluster.startWorker("w6", 8);
        for (int i = 60; i < 120; i++) {
            ids.add(cluster.start("millrace.tests", "churn", Map.of("n", i)));
        }
        awaitEnded(ids, 70);
        w1.close();
        w3.close();
        for (int i = 120; i < 160; i++) {
            ids.add(cluster.start("millrace.tests", "churn", Map.of("n", i)));
        }
        w5.close();

        List<Execution> ended = cluster.awaitAll(ids, Duration.ofSeconds(90));

        Set<String> stopped = Set.of("w1", "w3", "w5");
        for (int i = 0; i < ended.size(); i++) {
            Execution e = ended.get(i);
            assertThat(e.status()).as(e.id()).isEqualTo(ExecutionStatus.SUCCESS);
            assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly("nap", "echo");
            assertThat(e.taskRun("echo").outputs()).containsEntry("value", "n" + i);
            for (TaskRun r : e.taskRuns()) {
                List<TaskRunAttempt> attempts = r.attempts();
                assertThat(attempts.getLast().state().current()).isEqualTo(TaskRunStatus.SUCCESS);
                assertThat(attempts.subList(0, attempts.size() - 1)).as(e.id() + " " + r.taskId())
                    .allSatisfy(a -> assertThat(a.workerId()).isIn(stopped));
            }
        }
        List<DeadWorker> verdicts = verdicts();
        assertThat(verdicts).extracting(DeadWorker::workerId).as("only stopped workers are declared dead")
            .allMatch(stopped::contains);
        assertThat(verdicts).extracting(DeadWorker::reason).containsOnly("it stopped");
    }

    private void awaitEnded(List<String> ids, int atLeast) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().map(cluster::execution)
            .filter(e -> e != null && e.status().isTerminal()).count() >= atLeast);
    }

    /** Every verdict on {@code dead_workers} (each is written to every partition: partition 0 has them all). */
    private List<DeadWorker> verdicts() {
        Map<String, Object> props = cluster.kafka().consumer(null, "churn-test-verdicts");
        List<DeadWorker> verdicts = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            TopicPartition p0 = new TopicPartition(cluster.kafka().topic(Topic.DEAD_WORKERS), 0);
            consumer.assign(List.of(p0));
            consumer.seekToBeginning(List.of(p0));
            long end = consumer.endOffsets(List.of(p0)).get(p0);
            while (consumer.position(p0) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    verdicts.add(VersionedJsonSerde.<DeadWorker>of(Topic.DEAD_WORKERS).deserialize(r.topic(), r.value()));
                }
            }
        }
        return verdicts;
    }
}
