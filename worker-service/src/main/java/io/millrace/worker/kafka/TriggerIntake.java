package io.millrace.worker.kafka;

import io.millrace.model.trigger.TriggerEvaluated;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.runtime.TriggerEvaluator;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.util.Durations;
import io.millrace.worker.WorkerSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The worker's consumer loop on {@code trigger_evaluations}, in a group of its own ({@code <prefix>worker-triggers})
 * so that its rebalances never disturb the task group. It takes no more evaluations than it has free evaluation
 * slots, commits their offsets, then evaluates each on a virtual thread: an evaluation is taken at most once, and
 * one lost with a dying worker is the scheduler's to send again (it locks the trigger and finds the evaluation
 * lost). Each evaluation is answered with a {@link TriggerEvaluated} on {@code trigger_evaluation_results}; only
 * once Kafka has the answer does the trigger acknowledge what it read (a Kafka trigger commits its offsets then).
 * An evaluation that runs past the timeout is interrupted and answered with an error; one sent longer ago than
 * the maximum age is answered with an error without being evaluated.
 */
public final class TriggerIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerIntake.class);

    private static final VersionedJsonSerde<TriggerEvaluation> EVALUATIONS =
        VersionedJsonSerde.of(Topic.TRIGGER_EVALUATIONS);
    private static final VersionedJsonSerde<TriggerEvaluated> ANSWERS =
        VersionedJsonSerde.of(Topic.TRIGGER_EVALUATION_RESULTS);

    static final Duration POLL = Duration.ofMillis(500);
    static final Duration FULL_WAIT = Duration.ofMillis(200);
    /** How long an answer may take to be stored before the evaluation gives up on it (the scheduler sends again). */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

    private final TriggerEvaluator evaluator;
    private final WorkerSettings.Triggers settings;
    private final String workerId;
    private final InstantSource clock;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final String evaluationsTopic;
    private final String answersTopic;
    private final Semaphore slots;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("millrace-worker-trigger-timeouts").daemon(true).factory());
    private final ConsumerLoop loop;
    private volatile boolean taking = true;

    public TriggerIntake(WorkerClients clients, TriggerEvaluator evaluator, WorkerSettings.Triggers settings,
                         String workerId, InstantSource clock) {
        this.evaluator = evaluator;
        this.settings = settings;
        this.workerId = workerId;
        this.clock = clock;
        this.slots = new Semaphore(settings.concurrency());
        this.evaluationsTopic = clients.topic(Topic.TRIGGER_EVALUATIONS);
        this.answersTopic = clients.topic(Topic.TRIGGER_EVALUATION_RESULTS);
        this.consumer = clients.triggerConsumer(settings.concurrency());
        this.producer = clients.answerProducer();
        consumer.subscribe(List.of(evaluationsTopic));
        this.loop = new ConsumerLoop("millrace-worker-triggers", "the trigger intake of worker " + workerId, consumer,
            this::turn, this::closeConsumer);
    }

    /** Starts the loop on its own thread. */
    public void start() {
        loop.start(true);
    }

    /** Evaluations running now. */
    public int busy() {
        return settings.concurrency() - slots.availablePermits();
    }

    /** Takes no more evaluations; those running go on. */
    public void stopTaking() {
        taking = false;
    }

    private void closeConsumer() {
        try {
            consumer.close(); // leaves the group: its partitions go to the other workers
        } catch (RuntimeException e) {
            LOG.warn("closing the trigger consumer of worker {}: {}", workerId, e.toString());
        }
    }

    /** One turn: poll while a slot is free, take no more evaluations than free slots, commit them, start them. */
    void turn() throws InterruptedException {
        int free = taking ? slots.availablePermits() : 0;
        if (free == 0) {
            consumer.pause(consumer.assignment());
            Batch.handBack(consumer, consumer.poll(FULL_WAIT));
            return;
        }
        consumer.resume(consumer.paused());
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (records.isEmpty()) {
            return;
        }
        Batch batch = Batch.take(records, free);
        batch.rewind().forEach(consumer::seek);
        try {
            consumer.commitSync(batch.offsets());
        } catch (KafkaException e) {
            LOG.warn("worker {} could not commit {} trigger evaluations; they go back to the topic: {}", workerId,
                batch.taken().size(), e.toString());
            Batch.rewind(consumer, batch.start());
            return;
        }
        for (ConsumerRecord<String, byte[]> r : batch.taken()) {
            TriggerEvaluation evaluation = read(r);
            if (evaluation == null) {
                continue;
            }
            slots.acquire();
            Instant sent = Instant.ofEpochMilli(r.timestamp());
            Thread t = Thread.ofVirtual().name("millrace-trigger-" + evaluation.key()).unstarted(() -> {
                try {
                    evaluate(evaluation, sent);
                } finally {
                    running.remove(Thread.currentThread());
                    slots.release();
                }
            });
            running.add(t);
            t.start();
        }
    }

    private static TriggerEvaluation read(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return EVALUATIONS.deserialize(r.topic(), r.value());
        } catch (SerializationException e) {
            LOG.warn("record {} of {}-{} is not a trigger evaluation this worker can read, skipped: {}", r.offset(),
                r.topic(), r.partition(), e.getMessage());
            return null;
        }
    }

    /** Evaluates one trigger within the timeout, answers, and acknowledges what it read once the answer is stored. */
    void evaluate(TriggerEvaluation evaluation, Instant sent) {
        Instant started = clock.instant();
        Duration age = Duration.between(sent, started);
        if (age.compareTo(settings.maxAge()) > 0) {
            LOG.info("trigger evaluation {} of {} was sent {} ago; not evaluated", evaluation.evaluationId(),
                evaluation.key(), Durations.seconds(age));
            answer(evaluation, List.of(), "not evaluated: the evaluation was sent " + age.toSeconds() + " s"
                + " ago, more than the worker's limit of " + Durations.seconds(settings.maxAge()), started);
            return;
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread self = Thread.currentThread();
        ScheduledFuture<?> timeout = watchdog.schedule(() -> {
            timedOut.set(true);
            self.interrupt();
        }, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        TriggerEvaluator.Outcome outcome;
        try {
            outcome = evaluator.evaluate(evaluation);
        } catch (InterruptedException e) {
            outcome = new TriggerEvaluator.Outcome(null, interrupted(timedOut.get()));
        } finally {
            timeout.cancel(false);
            Thread.interrupted(); // a late interrupt must not disturb the answer
        }
        try (TriggerEvaluator.Outcome o = outcome) {
            if (timedOut.get()) {
                answer(evaluation, List.of(), interrupted(true), started);
                return;
            }
            if (o.error() != null) {
                answer(evaluation, List.of(), o.error(), started);
                return;
            }
            if (answer(evaluation, o.result().fires(), null, started)) {
                acknowledge(evaluation, o);
            }
        }
    }

    private String interrupted(boolean timedOut) {
        return timedOut ? "the evaluation did not end within " + Durations.seconds(settings.timeout())
            : "the worker stopped before the evaluation ended";
    }

    private void acknowledge(TriggerEvaluation evaluation, TriggerEvaluator.Outcome outcome) {
        try {
            outcome.result().acknowledge();
        } catch (Exception e) {
            LOG.warn("trigger {} answered evaluation {} but could not confirm what it read; it reads it again at its "
                + "next evaluation: {}", evaluation.key(), evaluation.evaluationId(), e.toString());
        }
    }

    /**
     * Writes the answer and waits until Kafka has it. An answer too large for Kafka is replaced by an error saying
     * so (the fires are then not acknowledged).
     *
     * @return whether the answer with {@code fires} is stored
     */
    private boolean answer(TriggerEvaluation evaluation, List<Map<String, Object>> fires, String error,
                           Instant started) {
        TriggerEvaluated answer = new TriggerEvaluated(evaluation.evaluationId(), evaluation.namespace(),
            evaluation.flowId(), evaluation.triggerId(), workerId, fires, error, started, clock.instant());
        String problem = send(answer);
        if (problem == null) {
            return true;
        }
        if (!fires.isEmpty()) {
            LOG.warn("the answer to trigger evaluation {} of {} ({} executions) {}; answering with an error",
                evaluation.evaluationId(), evaluation.key(), fires.size(), problem);
            send(new TriggerEvaluated(answer.evaluationId(), answer.namespace(), answer.flowId(), answer.triggerId(),
                workerId, List.of(), "the answer (" + fires.size() + " executions to start) " + problem
                + "; lower maxRecords", started, clock.instant()));
        } else {
            LOG.warn("the answer to trigger evaluation {} of {} {}", evaluation.evaluationId(), evaluation.key(),
                problem);
        }
        return false;
    }

    /** Sends one answer and waits for it: null when Kafka has it, else why not. */
    private String send(TriggerEvaluated answer) {
        try {
            byte[] value = ANSWERS.serialize(answersTopic, answer);
            producer.send(new ProducerRecord<>(answersTopic, answer.key(), value))
                .get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (SerializationException e) {
            return "cannot be written: " + e.getMessage();
        } catch (ExecutionException e) {
            return e.getCause() instanceof RecordTooLargeException ? "is larger than Kafka accepts"
                : "was not stored: " + e.getCause();
        } catch (TimeoutException e) {
            return "was not stored within " + Durations.seconds(ANSWER_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was not stored: the worker is stopping";
        } catch (KafkaException | IllegalStateException e) {
            return "was not stored: " + e.getMessage();
        }
    }

    /**
     * Stops: takes no more evaluations, waits up to {@code wait} for those running, interrupts the others (they
     * answer with an error), then leaves the group and closes the producer.
     */
    public void stop(Duration wait) {
        taking = false;
        int n = settings.concurrency();
        try {
            if (!slots.tryAcquire(n, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                running.forEach(Thread::interrupt);
                if (slots.tryAcquire(n, 2, TimeUnit.SECONDS)) {
                    slots.release(n);
                }
            } else {
                slots.release(n);
            }
        } catch (InterruptedException e) {
            running.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Leaves the group and closes the clients at once; evaluations still running can no longer answer. */
    @Override
    public void close() {
        taking = false;
        loop.close();
        watchdog.shutdownNow();
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("closing the answer producer of worker {}: {}", workerId, e.toString());
        }
    }
}
