package io.millrace.worker.kafka;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.runtime.RunnerSettings;
import io.millrace.runtime.TaskEvents;
import io.millrace.runtime.TaskRunner;
import io.millrace.template.TemplateEngine;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.worker.TestTasks;
import io.millrace.worker.attempt.AttemptOutput;
import io.millrace.worker.attempt.AttemptPool;
import io.millrace.worker.attempt.Incarnation;
import io.millrace.worker.attempt.WorkerMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer loop on Kafka's mock clients: one transaction per batch, slots, hand-backs, dead letters. */
class TaskIntakeTest {

    private static final String TASKS = "millrace_worker_tasks";
    private static final TopicPartition P0 = new TopicPartition(TASKS, 0);
    private static final TopicPartition P1 = new TopicPartition(TASKS, 1);
    private static final VersionedJsonSerde<WorkerTaskRunning> RUNNING = VersionedJsonSerde.of(Topic.WORKER_TASK_RUNNING);
    private static final VersionedJsonSerde<DeadLetter> DEAD = VersionedJsonSerde.of(Topic.DEAD_LETTERS);
    private static final VersionedJsonSerde<WorkerTaskResult> RESULTS = VersionedJsonSerde.of(Topic.WORKER_TASK_RESULTS);
    private static final VersionedJsonSerde<LogEntry> LOGS = VersionedJsonSerde.of(Topic.LOGS);

    @TempDir
    Path work;

    private final MockClients clients = new MockClients();
    private final List<WorkerTaskResult> results = new CopyOnWriteArrayList<>();
    /** Transactions committed when each log line was written: a task runs only after its batch committed. */
    private final List<Long> commitsSeenByTasks = new CopyOnWriteArrayList<>();
    private final List<WorkerInstance> announced = new CopyOnWriteArrayList<>();
    private TaskRunner runner;
    private AttemptPool pool;
    private TaskIntake intake;

    private TaskIntake intake(int slots) {
        runner = new TaskRunner(new TemplateEngine(), new RunnerSettings("w1", Map.of(), work, Clock.systemUTC()));
        AttemptOutput output = new AttemptOutput() {
            @Override
            public TaskEvents events() {
                return new TaskEvents() {
                    @Override
                    public void log(LogEntry entry) {
                        commitsSeenByTasks.add(clients.transactional.commitCount());
                    }

                    @Override
                    public void metric(MetricEntry entry) {
                    }
                };
            }

            @Override
            public void report(TaskRun run, WorkerTaskResult result) {
                results.add(result);
            }
        };
        Incarnation incarnation = new Incarnation();
        pool = new AttemptPool(slots, runner, output, WorkerMetrics.none("w1"), Clock.systemUTC(), "w1", incarnation);
        intake = new TaskIntake(clients, pool, "w1", incarnation, "host-1", Clock.systemUTC(), announced::add);
        clients.tasks.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        clients.tasks.rebalance(List.of(P0, P1));
        return intake;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.abandonRunning();
            pool.awaitIdle(Duration.ofSeconds(5));
            runner.close();
        }
    }

    @Test
    void aBatchIsTakenInOneTransactionWithItsRunningRecordsAndOffsetsAndRunsAfterTheCommit()
        throws InterruptedException {
        intake(4);
        add(P0, 0, TestTasks.log("e1", "tr1", "one"));
        add(P0, 1, TestTasks.log("e2", "tr2", "two"));
        add(P1, 0, TestTasks.log("e3", "tr3", "three"));

        intake.turn();

        assertThat(clients.transactional.commitCount()).isEqualTo(1);
        List<ProducerRecord<String, byte[]>> written = clients.transactional.history();
        assertThat(written).extracting(ProducerRecord::topic).containsOnly("millrace_worker_task_running");
        assertThat(written).extracting(ProducerRecord::key).containsExactlyInAnyOrder("e1/tr1", "e2/tr2", "e3/tr3");
        WorkerTaskRunning running = RUNNING.deserialize("r", written.getFirst().value());
        assertThat(running.workerId()).isEqualTo("w1");
        assertThat(running.attempt()).isEqualTo(1);
        assertThat(committedOffsets()).containsEntry(P0, 2L).containsEntry(P1, 1L);

        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(results).extracting(WorkerTaskResult::status).containsOnly(TaskRunStatus.SUCCESS).hasSize(3);
        assertThat(commitsSeenByTasks).hasSize(3).containsOnly(1L);
    }

    @Test
    void takesNoMoreTasksThanFreeSlotsAndHandsTheRestBack() throws InterruptedException {
        intake(2);
        assertThat(clients.maxPollRecords).isEqualTo(2);
        clients.tasks.setMaxPollRecords(5); // as if the consumer returned more than asked
        for (int i = 0; i < 5; i++) {
            add(P0, i, TestTasks.sleep("e" + i, "tr" + i, Duration.ofMinutes(5)));
        }

        intake.turn();

        assertThat(clients.transactional.history()).hasSize(2);
        assertThat(committedOffsets()).containsExactly(Map.entry(P0, 2L));
        assertThat(clients.tasks.position(P0)).isEqualTo(2L);
        assertThat(pool.busy()).isEqualTo(2);

        intake.turn(); // every slot busy: the partitions are paused and nothing is taken

        assertThat(clients.tasks.paused()).containsExactlyInAnyOrder(P0, P1);
        assertThat(clients.transactional.commitCount()).isEqualTo(1);
    }

    @Test
    void aFailedCommitRunsNothingAndRewindsTheBatch() throws InterruptedException {
        intake(4);
        add(P0, 0, TestTasks.log("e1", "tr1", "one"));
        add(P0, 1, TestTasks.log("e2", "tr2", "two"));
        clients.transactional.commitTransactionException = new KafkaException("broker gone");

        intake.turn();

        assertThat(clients.transactional.transactionAborted()).isTrue();
        assertThat(clients.tasks.position(P0)).isZero();
        assertThat(pool.busy()).isZero();
        assertThat(results).isEmpty();
    }

    @Test
    void aRecordThatIsNotATaskGoesToTheDeadLettersInTheBatchTransaction() throws InterruptedException {
        intake(4);
        clients.tasks.addRecord(new ConsumerRecord<>(TASKS, 0, 0, "e1/tr1", "not json".getBytes(StandardCharsets.UTF_8)));
        add(P0, 1, TestTasks.log("e2", "tr2", "fine"));

        intake.turn();

        List<ProducerRecord<String, byte[]>> written = clients.transactional.history();
        assertThat(written).extracting(ProducerRecord::topic)
            .containsExactly("millrace_dead_letters", "millrace_worker_task_running");
        DeadLetter letter = DEAD.deserialize("d", written.getFirst().value());
        assertThat(letter.sourceTopic()).isEqualTo(TASKS);
        assertThat(letter.offset()).isZero();
        assertThat(letter.value()).isEqualTo("not json");
        assertThat(letter.processor()).isEqualTo("worker");
        assertThat(committedOffsets()).containsEntry(P0, 2L);
        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(results).extracting(WorkerTaskResult::taskRunId).containsExactly("tr2");
    }

    @Test
    void aTaskOfATypeTheWorkerDoesNotKnowHasItsAttemptReportedFailedInTheBatchTransaction()
        throws InterruptedException {
        intake(4);
        WorkerTask unknown = TestTasks.log("e1", "tr1", "typo");
        clients.tasks.addRecord(new ConsumerRecord<>(TASKS, 0, 0, TestTasks.key(unknown),
            TestTasks.bytesWithType(TestTasks.task("e1", "tr1", 2, unknown.task()), "io.millrace.core.log.Logg")));
        add(P0, 1, TestTasks.log("e2", "tr2", "fine"));

        intake.turn();

        List<ProducerRecord<String, byte[]>> written = clients.transactional.history();
        assertThat(written).extracting(ProducerRecord::topic)
            .containsExactly("millrace_logs", "millrace_worker_task_results", "millrace_worker_task_running");
        assertThat(written).extracting(ProducerRecord::key).startsWith("e1", "e1");
        String why = "task type 'io.millrace.core.log.Logg' is not known to worker w1 (a plugin this worker "
            + "lacks, or a task of a newer Millrace); did you mean 'io.millrace.core.log.Log'?";
        WorkerTaskResult failed = RESULTS.deserialize("r", written.get(1).value());
        assertThat(failed.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(failed.taskRunId()).isEqualTo("tr1");
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(failed.workerId()).isEqualTo("w1");
        assertThat(failed.error()).isEqualTo(why);
        LogEntry line = LOGS.deserialize("l", written.getFirst().value());
        assertThat(line.level()).isEqualTo(LogLevel.ERROR);
        assertThat(line.taskRunId()).isEqualTo("tr1");
        assertThat(line.attemptNumber()).isEqualTo(2);
        assertThat(line.message()).isEqualTo(failed.error());
        assertThat(committedOffsets()).containsEntry(P0, 2L);
        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(results).extracting(WorkerTaskResult::taskRunId).containsExactly("tr2");
    }

    @Test
    void aTaskThatCannotBeBoundIsReportedFailedWithWhatReadingItSaid() throws InterruptedException {
        intake(4);
        WorkerTask task = TestTasks.log("e1", "tr1", "fine");
        String json = new String(TestTasks.bytes(task), StandardCharsets.UTF_8)
            .replace("\"message\":\"fine\"", "\"message\":\"fine\",\"timeout\":\"soon\"");
        clients.tasks.addRecord(new ConsumerRecord<>(TASKS, 0, 0, TestTasks.key(task),
            json.getBytes(StandardCharsets.UTF_8)));

        intake.turn();

        List<ProducerRecord<String, byte[]>> written = clients.transactional.history();
        assertThat(written).extracting(ProducerRecord::topic)
            .containsExactly("millrace_logs", "millrace_worker_task_results");
        WorkerTaskResult failed = RESULTS.deserialize("r", written.get(1).value());
        assertThat(failed.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(failed.error()).startsWith("task say cannot be read by worker w1: cannot read a WorkerTask");
    }

    @Test
    void aStoppingWorkerPausesItsPartitionsAndTakesNothing() throws InterruptedException {
        intake(4);
        add(P0, 0, TestTasks.log("e1", "tr1", "one"));

        intake.stopTaking();
        intake.turn();

        assertThat(clients.tasks.paused()).containsExactlyInAnyOrder(P0, P1);
        assertThat(clients.transactional.history()).isEmpty();
        assertThat(clients.tasks.assignment()).containsExactlyInAnyOrder(P0, P1);
    }

    @Test
    void everyAssignmentAnnouncesAllThePartitionsTheWorkerNowOwns() {
        intake(4);
        assertThat(announced.getLast().partitions()).containsExactly(0, 1);

        clients.tasks.rebalance(List.of(P1, new TopicPartition(TASKS, 3)));

        WorkerInstance last = announced.getLast();
        assertThat(last.partitions()).containsExactly(1, 3);
        assertThat(last.workerId()).isEqualTo("w1");
        assertThat(last.host()).isEqualTo("host-1");
        assertThat(last.workerGroup()).isEqualTo("millrace_worker");
    }

    private void add(TopicPartition tp, long offset, WorkerTask task) {
        clients.tasks.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, TestTasks.key(task),
            TestTasks.bytes(task)));
    }

    private Map<TopicPartition, Long> committedOffsets() {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> last = clients.transactional.consumerGroupOffsetsHistory()
            .getLast();
        return last.values().iterator().next().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
