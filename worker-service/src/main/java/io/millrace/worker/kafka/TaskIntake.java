package io.millrace.worker.kafka;

import io.millrace.model.execution.LogEntry;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.worker.attempt.AttemptPool;
import io.millrace.worker.attempt.Incarnation;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's consumer loop on {@code worker_tasks}, on one thread that owns the consumer and the
 * transactional producer. Each turn it polls only while a slot is free, takes no more records than
 * free slots ({@link Batch}), and in one transaction writes a {@link WorkerTaskRunning} per task and
 * commits the consumer offsets; only after the commit does it start the tasks. So a task is either
 * still on the topic or recorded as taken, never both and never neither. A task it cannot bind (a
 * type not in its catalogue) has its attempt reported FAILED in that transaction ({@link RefusedTask}).
 * When the transaction fails, the batch is handed back (rewound) and nothing runs. While every slot
 * is busy, and while the worker stops, its partitions are paused: it stays in the group, so its
 * running attempts stay its own.
 */
public final class TaskIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskIntake.class);

    private static final VersionedJsonSerde<WorkerTask> TASKS = VersionedJsonSerde.of(Topic.WORKER_TASKS);
    private static final VersionedJsonSerde<WorkerTaskRunning> RUNNING = VersionedJsonSerde.of(Topic.WORKER_TASK_RUNNING);
    private static final VersionedJsonSerde<DeadLetter> DEAD_LETTERS = VersionedJsonSerde.of(Topic.DEAD_LETTERS);
    private static final VersionedJsonSerde<WorkerTaskResult> RESULTS = VersionedJsonSerde.of(Topic.WORKER_TASK_RESULTS);
    private static final VersionedJsonSerde<LogEntry> LOGS = VersionedJsonSerde.of(Topic.LOGS);

    /** How long a poll waits for records when slots are free. */
    static final Duration POLL = Duration.ofMillis(500);
    /** How long a poll waits while the partitions are paused (for rebalances to make progress). */
    static final Duration PAUSED_POLL = Duration.ofMillis(50);
    /** How long the loop waits for a free slot before it polls again (to stay in the group). */
    static final Duration FULL_WAIT = Duration.ofMillis(200);

    private final WorkerClients clients;
    private final AttemptPool pool;
    private final String workerId;
    private final Incarnation incarnation;
    private final InstanceAnnouncer announcer;
    private final InstantSource clock;
    private final String tasksTopic;
    private final String runningTopic;
    private final String deadLettersTopic;
    private final String resultsTopic;
    private final String logsTopic;
    private final int deadLetterBudget;
    private final Consumer<String, byte[]> consumer;
    private final ConsumerLoop loop;
    private Producer<String, byte[]> producer;
    private volatile boolean taking = true;

    public TaskIntake(WorkerClients clients, AttemptPool pool, String workerId, Incarnation incarnation, String host,
                      InstantSource clock, java.util.function.Consumer<WorkerInstance> announce) {
        this.clients = clients;
        this.pool = pool;
        this.workerId = workerId;
        this.incarnation = incarnation;
        this.clock = clock;
        this.tasksTopic = clients.topic(Topic.WORKER_TASKS);
        this.runningTopic = clients.topic(Topic.WORKER_TASK_RUNNING);
        this.deadLettersTopic = clients.topic(Topic.DEAD_LETTERS);
        this.resultsTopic = clients.topic(Topic.WORKER_TASK_RESULTS);
        this.logsTopic = clients.topic(Topic.LOGS);
        this.deadLetterBudget = clients.deadLetterBudget();
        this.consumer = clients.taskConsumer(pool.slots());
        this.announcer = new InstanceAnnouncer(consumer::assignment, () -> consumer.groupMetadata().generationId(),
            announce, workerId, incarnation, host, clients.group(), clock.instant(), clock);
        consumer.subscribe(List.of(tasksTopic), announcer);
        this.loop = new ConsumerLoop("millrace-worker-intake", "the intake of worker " + workerId, consumer, this::turn,
            this::closeClients);
    }

    /**
     * Announces the worker's instance again with its last assignment: a heartbeat for the dead-worker
     * detector. Safe from any thread.
     */
    public void heartbeat() {
        announcer.heartbeat();
    }

    /** Starts the loop on its own thread (not a daemon: it keeps a worker process alive). */
    public void start() {
        loop.start(false);
    }

    /** Takes no more tasks; the partitions stay assigned (paused) until {@link #close}. */
    public void stopTaking() {
        taking = false;
    }

    /** Leaves the group and closes the consumer and producer; waits for the loop to end. */
    @Override
    public void close() {
        taking = false;
        loop.close();
    }

    /** One turn of the loop: poll if a slot is free, take a batch, commit it, start its tasks. */
    void turn() throws InterruptedException {
        int free = taking ? pool.free() : 0;
        if (free == 0) {
            consumer.pause(consumer.assignment());
            // a poll while paused keeps the group membership and runs rebalances; a partition assigned
            // during it is not paused yet and may return records: they are handed back
            Batch.handBack(consumer, consumer.poll(taking ? PAUSED_POLL : FULL_WAIT));
            if (taking) {
                pool.awaitFree(FULL_WAIT);
            }
            return;
        }
        consumer.resume(consumer.paused());
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (records.isEmpty()) {
            return;
        }
        Batch batch = Batch.take(records, free);
        batch.rewind().forEach(consumer::seek);
        String taker = incarnation.current();
        for (WorkerTask task : commit(batch, taker)) {
            pool.start(task, taker);
        }
    }

    /**
     * Writes the running records (and dead letters for records that are not tasks) and commits the
     * batch's offsets, in one transaction. The attempts are recorded as taken by incarnation {@code taker}.
     *
     * @return the tasks to run: none when the transaction failed and the batch was handed back
     */
    List<WorkerTask> commit(Batch batch, String taker) {
        Instant now = clock.instant();
        List<WorkerTask> tasks = new ArrayList<>();
        try {
            Producer<String, byte[]> p = producer();
            p.beginTransaction();
            for (ConsumerRecord<String, byte[]> r : batch.taken()) {
                if (r.value() == null) {
                    continue; // a tombstone: nothing to run
                }
                WorkerTask task = read(r);
                if (task == null) {
                    continue;
                }
                WorkerTaskRunning running = new WorkerTaskRunning(task.taskRun().executionId(), task.taskRun().id(),
                    task.attempt(), workerId, taker, r.partition(), now);
                p.send(new ProducerRecord<>(runningTopic, running.key(), RUNNING.serialize(runningTopic, running)));
                tasks.add(task);
            }
            p.sendOffsetsToTransaction(batch.offsets(), consumer.groupMetadata());
            p.commitTransaction();
            return tasks;
        } catch (KafkaException | IllegalStateException e) {
            LOG.warn("worker {} could not commit a batch of {} tasks; they go back to the topic: {}", workerId,
                batch.taken().size(), e.toString());
            abort();
            Batch.rewind(consumer, batch.start());
            return List.of();
        }
    }

    /**
     * The task a record holds; or null after reporting its attempt FAILED (a task this worker cannot
     * bind, of a task run it can still tell) or writing it to the dead letters, in the transaction.
     */
    private WorkerTask read(ConsumerRecord<String, byte[]> r) {
        String error;
        try {
            WorkerTask task = TASKS.deserialize(r.topic(), r.value());
            if (task.taskRun() != null && task.task() != null) {
                return task;
            }
            error = "a worker task without " + (task.taskRun() == null ? "a task run" : "a task");
        } catch (SerializationException e) {
            error = e.getMessage();
        }
        RefusedTask refused = RefusedTask.read(r.value());
        if (refused != null) {
            refuse(refused, error);
            return null;
        }
        LOG.warn("record {} of {}-{} is not a task the worker can run, sent to the dead letters: {}", r.offset(),
            r.topic(), r.partition(), error);
        DeadLetter letter = DeadLetter.of(r.topic(), r.partition(), r.offset(), r.key(), r.value(), error, "worker",
            clock.instant(), deadLetterBudget);
        byte[] value = DEAD_LETTERS.serialize(deadLettersTopic, letter);
        // a record without key goes to partition 0: the execution-id partitioner needs a key
        producer.send(r.key() == null
            ? new ProducerRecord<>(deadLettersTopic, 0, null, value)
            : new ProducerRecord<>(deadLettersTopic, r.key(), value));
        return null;
    }

    /** Reports the attempt of a task this worker cannot run FAILED, with a log line saying why. */
    private void refuse(RefusedTask refused, String error) {
        String reason = refused.reason(workerId, error);
        LOG.warn("attempt {} of task run {} of execution {} is reported FAILED: {}", refused.attempt(),
            refused.taskRunId(), refused.executionId(), reason);
        Instant now = clock.instant();
        producer.send(new ProducerRecord<>(logsTopic, refused.executionId(),
            LOGS.serialize(logsTopic, refused.log(reason, now))));
        producer.send(new ProducerRecord<>(resultsTopic, refused.executionId(),
            RESULTS.serialize(resultsTopic, refused.failed(reason, workerId, now))));
    }

    /** The transactional producer, created (and its transactions initialised) on first use. */
    private Producer<String, byte[]> producer() {
        if (producer == null) {
            Producer<String, byte[]> p = clients.transactionalProducer();
            try {
                p.initTransactions();
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
            producer = p;
        }
        return producer;
    }

    /** Aborts the open transaction; a producer that cannot abort (fenced, fatal error) is replaced. */
    private void abort() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.warn("worker {} replaces its transactional producer: {}", workerId, e.toString());
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private void closeClients() {
        try {
            consumer.close(); // leaves the group: its partitions go to the other workers
        } catch (RuntimeException e) {
            LOG.warn("closing the task consumer of worker {}: {}", workerId, e.toString());
        }
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("closing the transactional producer of worker {}: {}", workerId, e.toString());
            }
            producer = null;
        }
    }
}
