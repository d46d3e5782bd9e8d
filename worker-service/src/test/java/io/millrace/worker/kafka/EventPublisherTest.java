package io.millrace.worker.kafka;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.topics.HeaderNames;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Logs, metrics and results on their topics, and a result that is never lost. */
class EventPublisherTest {

    private static final VersionedJsonSerde<WorkerTaskResult> RESULTS = VersionedJsonSerde.of(Topic.WORKER_TASK_RESULTS);
    private static final VersionedJsonSerde<LogEntry> LOGS = VersionedJsonSerde.of(Topic.LOGS);

    private final List<Integer> pauses = new CopyOnWriteArrayList<>();

    @Test
    void logsAndMetricsGoToTheirTopicsKeyedByExecution() {
        MockClients clients = new MockClients();
        EventPublisher publisher = new EventPublisher(clients, failures -> false);

        publisher.events().log(log("exec-7", "hello"));
        publisher.events().metric(new MetricEntry("ns", "flow", "exec-7", "t", "tr1", "rows", "counter", 3.0,
            Map.of(), Instant.now()));

        List<ProducerRecord<String, byte[]>> sent = clients.events.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly("millrace_logs", "millrace_metrics");
        assertThat(sent).extracting(ProducerRecord::key).containsOnly("exec-7");
        assertThat(LOGS.deserialize("millrace_logs", sent.getFirst().value()).message()).isEqualTo("hello");
    }

    @Test
    void aResultFollowsTheLogsOfItsAttemptAndIsRetriedUntilKafkaHasIt() {
        MockClients clients = new MockClients();
        clients.events.sendException = new TimeoutException("no broker");
        EventPublisher publisher = new EventPublisher(clients, failures -> {
            pauses.add(failures);
            if (failures == 1) {
                clients.events.sendException = null; // the broker is back after the second failure
            }
            return false;
        });

        publisher.report(RUN, result("exec-7", TaskRunStatus.SUCCESS, Map.of("rows", 3)));

        assertThat(pauses).containsExactly(0, 1);
        assertThat(clients.events.flushed()).isTrue();
        ProducerRecord<String, byte[]> written = clients.events.history().getLast();
        assertThat(written.topic()).isEqualTo("millrace_worker_task_results");
        assertThat(written.key()).isEqualTo("exec-7");
        WorkerTaskResult result = RESULTS.deserialize(written.topic(), written.value());
        assertThat(result.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(result.outputs()).containsEntry("rows", 3);
    }

    @Test
    void aResultKafkaRefusesAsTooLargeIsReportedFailedWithoutItsOutputs() {
        MockClients clients = new MockClients(false);
        EventPublisher publisher = new EventPublisher(clients, failures -> false);
        Thread reporter = Thread.ofVirtual().start(() ->
            publisher.report(RUN, result("exec-7", TaskRunStatus.SUCCESS, Map.of("big", "x".repeat(100)))));

        await().until(() -> clients.events.history().size() == 1);
        clients.events.errorNext(new RecordTooLargeException("too large"));
        await().until(() -> clients.events.history().size() == 3);
        clients.events.completeNext();
        clients.events.completeNext();

        await().until(() -> !reporter.isAlive());
        List<ProducerRecord<String, byte[]>> history = clients.events.history();
        WorkerTaskResult sent = RESULTS.deserialize("r", history.getLast().value());
        assertThat(sent.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(sent.outputs()).isNull();
        assertThat(sent.error()).isEqualTo("the result is larger than Kafka accepts");
        assertThat(history.get(1).topic()).isEqualTo("millrace_logs");
        LogEntry line = LOGS.deserialize("l", history.get(1).value());
        assertThat(line.level()).isEqualTo(LogLevel.ERROR);
        assertThat(line.message()).isEqualTo(sent.error());
        assertThat(line.taskRunId()).isEqualTo("tr1");
        assertThat(line.namespace()).isEqualTo("ns");
        assertThat(line.taskId()).isEqualTo("t");
    }

    @Test
    void anInterruptWhileWaitingForKafkaNeitherLosesNorRepeatsTheResult() {
        MockClients clients = new MockClients(false);
        EventPublisher publisher = new EventPublisher(clients, failures -> false);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread reporter = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt(); // as a late kill or a stopping worker would
            publisher.report(RUN, result("exec-7", TaskRunStatus.SUCCESS, null));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        await().until(() -> clients.events.history().size() == 1);
        assertThat(reporter.isAlive()).isTrue();

        clients.events.completeNext();

        await().until(() -> !reporter.isAlive());
        assertThat(clients.events.history()).hasSize(1);
        assertThat(interruptedAfter).isTrue();
    }

    @Test
    void anInstanceIsAnnouncedUnderTheWorkerIdAndRetiredWithATombstone() {
        MockClients clients = new MockClients();
        EventPublisher publisher = new EventPublisher(clients, failures -> false);

        publisher.announce(new WorkerInstance("w1", "inc-1", "host", "millrace_worker", 3, List.of(2, 0), Instant.now(),
            Instant.now(), Instant.now()));
        publisher.retire("w1", "inc-1");

        List<ProducerRecord<String, byte[]>> sent = clients.events.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly("millrace_worker_instances");
        assertThat(sent).extracting(ProducerRecord::key).containsOnly("w1");
        assertThat(sent.get(0).value()).isNotNull();
        assertThat(sent.get(1).value()).isNull();
        assertThat(new String(sent.get(1).headers().lastHeader(HeaderNames.INCARNATION).value(),
            java.nio.charset.StandardCharsets.UTF_8)).as("the tombstone names the incarnation that stopped")
            .isEqualTo("inc-1");
    }

    private static final TaskRun RUN = TaskRun.created("tr1", "exec-7", "ns", "flow", "t", null, null, null, 0,
        Instant.now());

    private static LogEntry log(String executionId, String message) {
        return new LogEntry("ns", "flow", executionId, "t", "tr1", 1, Instant.now(), LogLevel.INFO, message, "main");
    }

    private static WorkerTaskResult result(String executionId, TaskRunStatus status, Map<String, Object> outputs) {
        return new WorkerTaskResult(executionId, "tr1", 1, status, outputs, null, Instant.now(), Instant.now(), "w1");
    }
}
