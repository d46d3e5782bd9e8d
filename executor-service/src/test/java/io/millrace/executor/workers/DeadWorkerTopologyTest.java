package io.millrace.executor.workers;

import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.HeaderNames;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-worker detector's Kafka shell with TopologyTestDriver: instance records in, verdicts out. */
class DeadWorkerTopologyTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private final KafkaClients kafka = new KafkaClients(KafkaSettings.local("localhost:9092"));
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> instances;
    private TestOutputTopic<String, byte[]> verdicts;
    private TestOutputTopic<String, byte[]> instancesOut;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        Properties props = DeadWorkerTopology.properties(kafka);
        props.put("state.dir", dir.toString());
        driver = new TopologyTestDriver(DeadWorkerTopology.build(kafka, LivenessSettings.DEFAULTS), props, T0);
        var s = Serdes.String();
        var b = Serdes.ByteArray();
        instances = driver.createInputTopic(kafka.topic(Topic.WORKER_INSTANCES), s.serializer(), b.serializer());
        verdicts = driver.createOutputTopic(kafka.topic(Topic.DEAD_WORKERS), s.deserializer(), b.deserializer());
        instancesOut = driver.createOutputTopic(kafka.topic(Topic.WORKER_INSTANCES), s.deserializer(), b.deserializer());
        deadLetters = driver.createOutputTopic(kafka.topic(Topic.DEAD_LETTERS), s.deserializer(), b.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void announce(String id, String incarnation, int generation, Integer... partitions) {
        WorkerInstance i = new WorkerInstance(id, incarnation, "host-" + id, "millrace_worker", generation,
            List.of(partitions), T0, T0, T0);
        instances.pipeInput(id, VersionedJsonSerde.<WorkerInstance>of(Topic.WORKER_INSTANCES).serialize("t", i));
    }

    private List<DeadWorker> verdicts() {
        return verdicts.readValuesToList().stream()
            .map(v -> VersionedJsonSerde.<DeadWorker>of(Topic.DEAD_WORKERS).deserialize("t", v)).toList();
    }

    @Test
    void aWorkerOverlappedByANewerGenerationIsDeclaredDeadAndItsInstanceRemoved() {
        announce("a", "a1", 1, 0, 1, 2);
        announce("b", "b1", 1, 3, 4, 5);
        announce("a", "a1", 2, 0, 1, 2, 3, 4, 5);

        driver.advanceWallClockTime(Duration.ofSeconds(3));

        assertThat(verdicts()).singleElement().satisfies(d -> {
            assertThat(d.workerId()).isEqualTo("b");
            assertThat(d.incarnation()).isEqualTo("b1");
        });
        List<TestRecord<String, byte[]>> removed = instancesOut.readRecordsToList();
        assertThat(removed).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("b");
            assertThat(r.value()).isNull();
            assertThat(new String(r.headers().lastHeader(HeaderNames.DECLARED_DEAD).value(), StandardCharsets.UTF_8))
                .isEqualTo("b1");
        });
    }

    @Test
    void itsOwnTombstoneComingBackIsNotACleanStop() {
        announce("a", "a1", 1, 0, 1);
        RecordHeaders headers = new RecordHeaders();
        headers.add(HeaderNames.DECLARED_DEAD, "a1".getBytes(StandardCharsets.UTF_8));
        instances.pipeInput(new TestRecord<>("a", null, headers, T0));

        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(verdicts()).isEmpty();
    }

    @Test
    void aWorkersOwnRemovalDeclaresThatIncarnationStopped() {
        announce("a", "a1", 1, 0, 1);
        RecordHeaders headers = new RecordHeaders();
        headers.add(HeaderNames.INCARNATION, "a1".getBytes(StandardCharsets.UTF_8));
        instances.pipeInput(new TestRecord<>("a", null, headers, T0));

        assertThat(verdicts()).singleElement().extracting(DeadWorker::reason).isEqualTo("it stopped");
    }

    @Test
    void anUnreadableInstanceRecordIsADeadLetter() {
        instances.pipeInput("x", "{oops".getBytes(StandardCharsets.UTF_8));
        announce("a", "a1", 1, 0);

        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(v -> {
            DeadLetter letter = VersionedJsonSerde.<DeadLetter>of(Topic.DEAD_LETTERS).deserialize("t", v);
            assertThat(letter.key()).isEqualTo("x");
            assertThat(letter.value()).isEqualTo("{oops");
            assertThat(letter.processor()).isEqualTo("dead-worker-detector");
        });
    }
}
