package io.millrace.worker.kafka;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.runtime.TaskEvents;
import io.millrace.topics.HeaderNames;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.worker.attempt.AttemptOutput;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The worker's idempotent producer (outside the batch transactions): attempts' log lines and metrics
 * (asynchronous, best effort), their results (retried until stored), and the worker's instance
 * records. Everything of an execution is keyed by its execution id.
 */
public final class EventPublisher implements AttemptOutput, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private static final VersionedJsonSerde<LogEntry> LOGS = VersionedJsonSerde.of(Topic.LOGS);
    private static final VersionedJsonSerde<MetricEntry> METRICS = VersionedJsonSerde.of(Topic.METRICS);
    private static final VersionedJsonSerde<WorkerTaskResult> RESULTS = VersionedJsonSerde.of(Topic.WORKER_TASK_RESULTS);
    private static final VersionedJsonSerde<WorkerInstance> INSTANCES = VersionedJsonSerde.of(Topic.WORKER_INSTANCES);

    /** How much of an error message is kept when a result must be shrunk to be written. */
    static final int MAX_ERROR_CHARS = 10_000;

    private final Producer<String, byte[]> producer;
    private final String logsTopic;
    private final String metricsTopic;
    private final String resultsTopic;
    private final String instancesTopic;
    private final Backoff backoff;
    private final TaskEvents events = new TaskEvents() {
        @Override
        public void log(LogEntry entry) {
            send(logsTopic, entry.executionId(), LOGS.serialize(logsTopic, entry), "a log line");
        }

        @Override
        public void metric(MetricEntry entry) {
            send(metricsTopic, entry.executionId(), METRICS.serialize(metricsTopic, entry), "a metric");
        }
    };
    private volatile boolean closed;

    public EventPublisher(WorkerClients clients, Backoff backoff) {
        this.producer = clients.eventProducer();
        this.logsTopic = clients.topic(Topic.LOGS);
        this.metricsTopic = clients.topic(Topic.METRICS);
        this.resultsTopic = clients.topic(Topic.WORKER_TASK_RESULTS);
        this.instancesTopic = clients.topic(Topic.WORKER_INSTANCES);
        this.backoff = backoff;
    }

    @Override
    public TaskEvents events() {
        return events;
    }

    private void send(String topic, String key, byte[] value, String what) {
        Callback failed = (metadata, e) -> {
            if (e != null) {
                LOG.warn("{} of execution {} was not written to {}: {}", what, key, topic, e.getMessage());
            }
        };
        try {
            producer.send(new ProducerRecord<>(topic, key, value), failed);
        } catch (KafkaException e) {
            LOG.warn("{} of execution {} was not written to {}: {}", what, key, topic, e.getMessage());
        }
    }

    /**
     * Flushes what the attempt wrote, then writes its result and waits until Kafka has it. A failure
     * to write is retried with a growing pause; a result Kafka can never take (too large, not
     * serializable) is replaced by a FAILED result saying why, also written as a log line of the task
     * run, so that the task run still ends and its logs say why.
     */
    @Override
    public void report(TaskRun run, WorkerTaskResult result) {
        boolean interrupted = false;
        WorkerTaskResult current = result;
        Future<RecordMetadata> sent = null;
        boolean replaced = false;
        try {
            flush(); // its logs and metrics before its result
            for (int failures = 0; ; ) {
                if (closed) {
                    throw new IllegalStateException("the worker's producer is closed");
                }
                try {
                    if (sent == null) {
                        sent = producer.send(new ProducerRecord<>(resultsTopic, current.executionId(),
                            RESULTS.serialize(resultsTopic, current)));
                    }
                    sent.get();
                    return;
                } catch (InterruptedException e) {
                    // the result must be stored all the same: wait on for the same send, keep the interrupt
                    interrupted = true;
                } catch (SerializationException e) {
                    sent = null;
                    if (replaced) {
                        throw e;
                    }
                    current = unwritable(run, current, "cannot be written: " + e.getMessage());
                    replaced = true;
                } catch (ExecutionException e) {
                    sent = null;
                    if (e.getCause() instanceof RecordTooLargeException && !replaced) {
                        current = unwritable(run, current, "is larger than Kafka accepts");
                        replaced = true;
                    } else {
                        interrupted |= retryLater(current, ++failures, e.getCause());
                    }
                } catch (KafkaException | IllegalStateException e) {
                    sent = null;
                    interrupted |= retryLater(current, ++failures, e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            LOG.warn("cannot flush the log lines and metrics of the worker: {}", e.getMessage());
        }
    }

    private boolean retryLater(WorkerTaskResult r, int failures, Throwable e) {
        LOG.warn("the result of attempt {} of task run {} was not written (try {}), trying again: {}", r.attempt(),
            r.taskRunId(), failures, e.getMessage());
        return backoff.pause(failures - 1);
    }

    /** The result without its outputs and with a short error, FAILED: what Kafka can always take. */
    private WorkerTaskResult unwritable(TaskRun run, WorkerTaskResult r, String why) {
        LOG.warn("the result of attempt {} of task run {} {}; reporting it FAILED", r.attempt(), r.taskRunId(), why);
        String error = "the result " + why;
        if (r.error() != null) {
            error += " (" + (r.error().length() > MAX_ERROR_CHARS ? r.error().substring(0, MAX_ERROR_CHARS) + "…"
                : r.error()) + ")";
        }
        events.log(new LogEntry(run.namespace(), run.flowId(), r.executionId(), run.taskId(), r.taskRunId(),
            r.attempt(), r.endedAt(), LogLevel.ERROR, error, "worker"));
        return new WorkerTaskResult(r.executionId(), r.taskRunId(), r.attempt(), TaskRunStatus.FAILED, null, error,
            r.startedAt(), r.endedAt(), r.workerId());
    }

    /** Announces {@code instance} (after a partition assignment). */
    public void announce(WorkerInstance instance) {
        send(instancesTopic, instance.workerId(), INSTANCES.serialize(instancesTopic, instance), "the worker instance");
    }

    /**
     * Removes the worker's instance record (a clean shutdown), saying which incarnation stopped, and waits
     * until Kafka has it.
     */
    public void retire(String workerId, String incarnation) {
        try {
            ProducerRecord<String, byte[]> tombstone = new ProducerRecord<>(instancesTopic, workerId, null);
            tombstone.headers().add(HeaderNames.INCARNATION, incarnation.getBytes(StandardCharsets.UTF_8));
            producer.send(tombstone).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("cannot remove the instance record of worker {}: {}", workerId, e.getMessage());
        }
    }

    /** Flushes and closes the producer; results not reported yet can no longer be. */
    @Override
    public void close() {
        closed = true;
        try {
            producer.flush();
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** The pause between tries to write a result. */
    @FunctionalInterface
    public interface Backoff {

        /** 100 ms doubling up to 5 s. */
        Backoff DEFAULT = failures -> {
            try {
                Thread.sleep(Math.min(5_000L, 100L << Math.min(failures, 6)));
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        };

        /** Pauses after the {@code failures}+1-th failure; true if the pause was interrupted. */
        boolean pause(int failures);
    }
}
