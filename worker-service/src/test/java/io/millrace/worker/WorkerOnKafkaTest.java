package io.millrace.worker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.ExecutionIdPartitioner;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/** A worker on a real broker: what it writes, when, how many at once, kills, shutdown, its instance records. */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerOnKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    private KafkaFixture kafka;
    private KafkaFixture.TopicReader<WorkerTaskRunning> running;
    private KafkaFixture.TopicReader<WorkerTaskResult> results;

    @BeforeEach
    void broker(@BootstrapServers String bootstrap) {
        kafka = new KafkaFixture(bootstrap);
        running = kafka.reader(Topic.WORKER_TASK_RUNNING);
        results = kafka.reader(Topic.WORKER_TASK_RESULTS);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private WorkerSettings settings(String id, int concurrency) {
        // a short grace: tests that leave long tasks running end quickly
        return WorkerSettings.defaults().withId(id).withConcurrency(concurrency).withWorkDir(work)
            .withShutdownGrace(Duration.ofMillis(500));
    }

    @Test
    void aTaskIsRecordedAsRunningThenReportsItsLogsAndResult() {
        KafkaFixture.TopicReader<LogEntry> logs = kafka.reader(Topic.LOGS);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        kafka.worker(settings("w1", 4), registry);

        kafka.send(TestTasks.task("exec-1", "tr-1", 2, """
            id: hello
            type: io.millrace.core.log.Log
            message: "hello from {{ name ?? 'the worker' }}"
            """));

        await().atMost(WAIT).until(() -> !results.values().isEmpty());
        WorkerTaskRunning taken = running.values().getFirst();
        assertThat(taken.key()).isEqualTo("exec-1/tr-1");
        assertThat(taken.workerId()).isEqualTo("w1");
        assertThat(taken.attempt()).isEqualTo(2);
        assertThat(taken.partition()).isEqualTo(ExecutionIdPartitioner.partition("exec-1", KafkaFixture.PARTITIONS));

        ConsumerRecord<String, WorkerTaskResult> result = results.poll().getFirst();
        assertThat(result.key()).isEqualTo("exec-1");
        assertThat(result.value().status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(result.value().attempt()).isEqualTo(2);
        assertThat(result.value().workerId()).isEqualTo("w1");
        assertThat(result.value().startedAt()).isAfterOrEqualTo(taken.startedAt());

        List<ConsumerRecord<String, LogEntry>> lines = logs.poll();
        assertThat(lines).extracting(ConsumerRecord::key).containsOnly("exec-1");
        assertThat(lines).extracting(r -> r.value().level()).contains(LogLevel.INFO);
        assertThat(lines).extracting(r -> r.value().message()).contains("hello from the worker");
        assertThat(registry.get("millrace.worker.attempts").tag("status", "SUCCESS").counter().count()).isEqualTo(1);
    }

    @Test
    void aTaskOfATypeTheWorkerDoesNotKnowEndsFailedWithALogLineAndTheWorkerGoesOn() {
        KafkaFixture.TopicReader<LogEntry> logs = kafka.reader(Topic.LOGS);
        kafka.worker(settings("w1", 2), null);
        WorkerTask plugin = TestTasks.log("exec-p", "tr-p", "from a plugin");

        kafka.sendTaskRecord(TestTasks.key(plugin), TestTasks.bytesWithType(plugin, "io.acme.plugin.Shout"));
        kafka.send(TestTasks.log("exec-q", "tr-q", "after it"));

        await().atMost(WAIT).until(() -> results.values().size() == 2);
        WorkerTaskResult failed = results.values(r -> r.taskRunId().equals("tr-p")).getFirst();
        assertThat(failed.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.error()).isEqualTo("task type 'io.acme.plugin.Shout' is not known to worker w1 "
            + "(a plugin this worker lacks, or a task of a newer Millrace)");
        assertThat(results.values(r -> r.taskRunId().equals("tr-q"))).extracting(WorkerTaskResult::status)
            .containsExactly(TaskRunStatus.SUCCESS);
        await().atMost(WAIT).until(() -> !logs.values(l -> "tr-p".equals(l.taskRunId())).isEmpty());
        assertThat(logs.values(l -> "tr-p".equals(l.taskRunId()))).extracting(LogEntry::level, LogEntry::message)
            .containsExactly(tuple(LogLevel.ERROR, failed.error()));
        await().atMost(WAIT).until(() -> !running.values(r -> r.taskRunId().equals("tr-q")).isEmpty());
        assertThat(running.values()).as("a refused task is not recorded as running")
            .extracting(WorkerTaskRunning::taskRunId).containsExactly("tr-q");
    }

    @Test
    void aLargeRecordThatIsNotATaskGoesToTheDeadLettersCutToFitAndTheWorkerGoesOn() {
        KafkaFixture.TopicReader<DeadLetter> letters = kafka.reader(Topic.DEAD_LETTERS);
        kafka.worker(settings("w1", 2), null);
        // 600 kB of quotes: 1.2 MB once escaped in a dead letter, more than the broker takes whole
        byte[] junk = "\"".repeat(600_000).getBytes(StandardCharsets.UTF_8);

        kafka.sendTaskRecord("exec-j/tr-j", junk);
        kafka.send(TestTasks.log("exec-k", "tr-k", "after it"));

        await().atMost(WAIT).until(() -> !results.values().isEmpty() && !letters.values().isEmpty());
        DeadLetter letter = letters.values().getFirst();
        assertThat(letter.key()).isEqualTo("exec-j/tr-j");
        assertThat(letter.truncated()).isTrue();
        assertThat(letter.valueBytes()).isEqualTo(junk.length);
        assertThat(letter.value()).isNotEmpty().matches("\"+");
        assertThat(results.values()).extracting(WorkerTaskResult::taskRunId).containsExactly("tr-k");
    }

    @Test
    void theRunningRecordBecomesVisibleTogetherWithTheOffsetCommit() {
        kafka.worker(settings("w1", 4), null);
        WorkerTask task = TestTasks.sleep("exec-2", "tr-1", Duration.ofMinutes(5));
        TopicPartition partition = new TopicPartition(kafka.prefix() + "worker_tasks",
            ExecutionIdPartitioner.partition("exec-2", KafkaFixture.PARTITIONS));
        assertThat(kafka.committedTaskOffsets()).doesNotContainKey(partition);

        kafka.send(task);

        // read_committed: the running record shows only once its transaction committed, and with it the offsets
        await().atMost(WAIT).until(() -> !running.values().isEmpty());
        assertThat(kafka.committedTaskOffsets()).containsEntry(partition, 1L);
    }

    @Test
    void neverRunsMoreTasksAtOnceThanItsConcurrency() {
        kafka.worker(settings("w1", 2), null);
        int tasks = 6;
        for (int i = 0; i < tasks; i++) {
            kafka.send(TestTasks.sleep("exec-" + i, "tr-" + i, Duration.ofMillis(300)));
        }

        // results and running records are read by two consumers: wait for both, not only the results
        await().atMost(WAIT).until(() -> results.values().size() == tasks && running.values().size() >= tasks);
        Map<String, Instant> takenAt = running.values().stream()
            .collect(Collectors.toMap(WorkerTaskRunning::taskRunId, WorkerTaskRunning::startedAt));
        // from the moment a task is taken until its result is written, it holds a slot
        List<Instant[]> held = results.values().stream()
            .map(r -> new Instant[]{takenAt.get(r.taskRunId()), r.endedAt()}).toList();
        assertThat(held).hasSize(tasks).allSatisfy(h -> assertThat(h[0]).isNotNull());
        assertThat(maxOverlap(held)).isEqualTo(2);
        assertThat(results.values()).extracting(WorkerTaskResult::status).containsOnly(TaskRunStatus.SUCCESS);
    }

    @Test
    void twoWorkersShareThePartitionsAndEachTaskRunsOnce() {
        KafkaFixture.TopicReader<WorkerInstance> instances = kafka.reader(Topic.WORKER_INSTANCES);
        kafka.worker(settings("wa", 2), null);
        kafka.worker(settings("wb", 2), null);
        await().atMost(WAIT).until(() -> {
            Map<String, List<Integer>> owned = latestInstances(instances);
            return owned.size() == 2 && owned.values().stream().allMatch(p -> p.size() == 2);
        });
        Map<String, List<Integer>> owned = latestInstances(instances);

        // executions spread over every partition, so both workers have work
        List<String> executions = executionsCoveringEveryPartition(20);
        for (String execution : executions) {
            kafka.send(TestTasks.log(execution, "tr-" + execution, "hi"));
        }

        await().atMost(WAIT).until(() -> results.values().size() == executions.size());
        List<WorkerTaskResult> done = results.values();
        assertThat(done).extracting(WorkerTaskResult::executionId).containsExactlyInAnyOrderElementsOf(executions);
        assertThat(running.values()).extracting(WorkerTaskRunning::executionId)
            .containsExactlyInAnyOrderElementsOf(executions);
        for (WorkerTaskResult r : done) {
            int partition = ExecutionIdPartitioner.partition(r.executionId(), KafkaFixture.PARTITIONS);
            assertThat(owned.get(r.workerId())).as("partitions of %s", r.workerId()).contains(partition);
        }
        assertThat(done).extracting(WorkerTaskResult::workerId).contains("wa", "wb");
    }

    @Test
    void aKillStopsARunningTaskAndItEndsKilled() {
        kafka.worker(settings("w1", 2), null);
        kafka.send(TestTasks.sleep("exec-3", "tr-3", Duration.ofMinutes(5)));
        kafka.send(TestTasks.task("exec-4", "tr-4", 1, """
            id: shell
            type: io.millrace.core.scripts.Commands
            commands:
              - sleep 300
            """));
        await().atMost(WAIT).until(() -> running.values().size() == 2);

        kafka.kill(new KillTaskRun("exec-3", "tr-3", 1));
        kafka.kill(new KillTaskRun("exec-4", "tr-4", 1));

        await().atMost(WAIT).until(() -> results.values().size() == 2);
        assertThat(results.values()).extracting(WorkerTaskResult::status).containsOnly(TaskRunStatus.KILLED);
    }

    @Test
    void aStoppingWorkerFinishesWhatItCanAndResubmitsTheRest() throws InterruptedException {
        KafkaFixture.TopicReader<WorkerInstance> instances = kafka.reader(Topic.WORKER_INSTANCES);
        Worker worker = kafka.worker(settings("w1", 2).withShutdownGrace(Duration.ofSeconds(2)), null);
        kafka.send(TestTasks.sleep("exec-5", "short", Duration.ofMillis(500)));
        kafka.send(TestTasks.task("exec-6", "long", 3, """
            id: wait
            type: io.millrace.core.flow.Sleep
            duration: PT5M
            """));
        await().atMost(WAIT).until(() -> running.values().size() == 2);
        assertThat(worker.unfinished()).as("what a running worker would abandon").isEmpty();

        Thread stopping = Thread.ofVirtual().start(worker::close);
        // while it waits for the long attempt, it says so: the line a process halted at its grace period prints
        await().atMost(WAIT).until(() -> worker.unfinished().equals(Optional.of("worker w1 with 1 task attempt unfinished")));
        stopping.join();

        assertThat(worker.unfinished()).as("once stopped").isEmpty();
        await().atMost(WAIT).until(() -> results.values().size() == 2);
        List<WorkerTaskResult> done = results.values();
        assertThat(done).extracting(WorkerTaskResult::taskRunId, WorkerTaskResult::attempt, WorkerTaskResult::status)
            .containsExactlyInAnyOrder(
                tuple("short", 1, TaskRunStatus.SUCCESS),
                tuple("long", 3, TaskRunStatus.RESUBMITTED));
        await().atMost(WAIT).until(() -> {
            List<ConsumerRecord<String, WorkerInstance>> all = instances.poll();
            return !all.isEmpty() && all.getLast().key().equals("w1") && all.getLast().value() == null;
        });
    }

    @Test
    void instanceRecordsFollowTheAssignmentsWhenASecondWorkerJoinsAndLeaves() {
        KafkaFixture.TopicReader<WorkerInstance> instances = kafka.reader(Topic.WORKER_INSTANCES);
        List<Integer> all = IntStream.range(0, KafkaFixture.PARTITIONS).boxed().toList();
        kafka.worker(settings("wa", 1), null);
        await().atMost(WAIT).until(() -> all.equals(latestInstances(instances).get("wa")));
        // its only slot busy, the first worker has paused its partitions: it must still follow rebalances
        kafka.send(TestTasks.sleep("exec-7", "tr-7", Duration.ofMinutes(5)));
        await().atMost(WAIT).until(() -> !running.values().isEmpty());

        Worker second = kafka.worker(settings("wb", 2), null);

        // a worker announces itself (with no partition) before its first assignment: wait for the split
        await().atMost(WAIT).until(() -> {
            Map<String, List<Integer>> owned = latestInstances(instances);
            return owned.size() == 2 && !owned.get("wb").isEmpty()
                && owned.get("wa").size() + owned.get("wb").size() == all.size();
        });
        Map<String, List<Integer>> owned = latestInstances(instances);
        Set<Integer> union = new HashSet<>(owned.get("wa"));
        union.addAll(owned.get("wb"));
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        assertThat(owned.get("wa")).doesNotContainAnyElementsOf(owned.get("wb"));

        second.close();

        await().atMost(WAIT).until(() -> {
            Map<String, List<Integer>> now = latestInstances(instances);
            return !now.containsKey("wb") && all.equals(now.get("wa"));
        });
    }

    @Test
    void aFencedTransactionHandsTheBatchBackAndTheTaskStillRunsOnce() {
        kafka.worker(settings("w1", 2), null);
        kafka.send(TestTasks.log("exec-8", "tr-8", "first"));
        await().atMost(WAIT).until(() -> results.values().size() == 1);

        // another producer with the worker's transactional id fences the worker's producer
        kafka.fenceTransactionalId(kafka.clients().group("worker-w1"));
        kafka.send(TestTasks.log("exec-9", "tr-9", "second"));

        await().atMost(WAIT).until(() -> results.values().size() == 2);
        assertThat(results.values()).extracting(WorkerTaskResult::executionId)
            .containsExactlyInAnyOrder("exec-8", "exec-9");
        // the aborted transaction's running record is never visible: one record per task (the reader is a
        // consumer of its own: wait until it has caught up with the committed records)
        await().atMost(WAIT).until(() -> running.values().size() >= 2);
        assertThat(running.values()).extracting(WorkerTaskRunning::executionId)
            .containsExactlyInAnyOrder("exec-8", "exec-9");
    }

    @Test
    void aWorkerDeclaredDeadStopsThatIncarnationsAttemptsAndGoesOnAsANewOne() {
        KafkaFixture.TopicReader<WorkerInstance> instances = kafka.reader(Topic.WORKER_INSTANCES);
        Worker worker = kafka.worker(settings("w1", 2), null);
        kafka.send(TestTasks.sleep("exec-10", "tr-10", Duration.ofMinutes(5)));
        await().atMost(WAIT).until(() -> running.values().size() == 1);
        String before = worker.incarnation();
        assertThat(running.values().getFirst().incarnation()).isEqualTo(before);

        // a verdict on another incarnation of the same id changes nothing
        kafka.declareDead(new io.millrace.model.worker.DeadWorker("w1", "not-mine", "h", null, "restarted",
            Instant.now()));
        kafka.declareDead(new io.millrace.model.worker.DeadWorker("w1", before, "h", null,
            "it sent no heartbeat for 30 s", Instant.now()));

        await().atMost(WAIT).until(() -> !results.values().isEmpty());
        WorkerTaskResult stopped = results.values().getFirst();
        assertThat(stopped.status()).isEqualTo(TaskRunStatus.RESUBMITTED);
        assertThat(stopped.error()).contains("declared dead");
        String after = worker.incarnation();
        assertThat(after).isNotEqualTo(before);
        await().atMost(WAIT).until(() -> instances.values(i -> i.incarnation().equals(after)).size() > 0);

        kafka.send(TestTasks.log("exec-11", "tr-11", "after the verdict"));
        await().atMost(WAIT).until(() -> results.values().size() == 2);
        assertThat(running.values()).filteredOn(r -> r.executionId().equals("exec-11"))
            .extracting(WorkerTaskRunning::incarnation).containsExactly(after);
        assertThat(results.values()).filteredOn(r -> r.executionId().equals("exec-11"))
            .extracting(WorkerTaskResult::status).containsExactly(TaskRunStatus.SUCCESS);
    }

    /** The partitions each live worker announced last (a tombstone removes the worker). */
    private static Map<String, List<Integer>> latestInstances(KafkaFixture.TopicReader<WorkerInstance> reader) {
        Map<String, List<Integer>> latest = new HashMap<>();
        for (ConsumerRecord<String, WorkerInstance> r : reader.poll()) {
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), r.value().partitions());
            }
        }
        return latest;
    }

    private static List<String> executionsCoveringEveryPartition(int n) {
        List<String> ids = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (int i = 0; ids.size() < n || covered.size() < KafkaFixture.PARTITIONS; i++) {
            String id = "exec-" + i;
            covered.add(ExecutionIdPartitioner.partition(id, KafkaFixture.PARTITIONS));
            ids.add(id);
        }
        return ids;
    }

    /** The most intervals that overlap at one instant (an interval ending when another starts does not). */
    private static int maxOverlap(List<Instant[]> intervals) {
        int max = 0;
        for (Instant[] i : intervals) {
            int open = 0;
            for (Instant[] j : intervals) {
                if (!j[0].isAfter(i[0]) && j[1].isAfter(i[0])) {
                    open++;
                }
            }
            max = Math.max(max, open);
        }
        return max;
    }
}
