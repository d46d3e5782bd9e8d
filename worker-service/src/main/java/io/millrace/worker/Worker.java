package io.millrace.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.kafka.KafkaClients;
import io.millrace.secrets.SecretCipher;
import io.millrace.storage.InternalStorage;
import io.millrace.kafka.TopicCreator;
import io.millrace.runtime.RunnerSettings;
import io.millrace.runtime.TaskRunner;
import io.millrace.runtime.TriggerEvaluator;
import io.millrace.shutdown.ShutdownProgress;
import io.millrace.shutdown.ShutdownSettings;
import io.millrace.template.TemplateEngine;
import io.millrace.template.TemplateLimits;
import io.millrace.worker.attempt.AttemptPool;
import io.millrace.worker.attempt.Incarnation;
import io.millrace.worker.attempt.WorkerMetrics;
import io.millrace.worker.kafka.EventPublisher;
import io.millrace.worker.kafka.KillListener;
import io.millrace.worker.kafka.TaskIntake;
import io.millrace.worker.kafka.TriggerIntake;
import io.millrace.worker.kafka.WorkerClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Millrace worker: takes runnable tasks from {@code worker_tasks} as a member of the
 * worker group, runs each attempt on a thread of its own within {@code concurrency} slots, and reports
 * logs, metrics and results; reads kills on {@code execution_killed}; announces the partitions it owns
 * on {@code worker_instances}; evaluates polling triggers sent on {@code trigger_evaluations}. Needs no Spring:
 * {@code new Worker(clients, settings, null).start()}.
 */
public final class Worker implements AutoCloseable, ShutdownProgress {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerSettings settings;
    private final Duration attemptWait;
    private final Runnable createTopics;
    private final TaskRunner runner;
    private final EventPublisher publisher;
    private final AttemptPool pool;
    private final KillListener kills;
    private final TaskIntake intake;
    /** Evaluates polling triggers; null when this worker evaluates none. */
    private final TriggerIntake triggers;
    private final Incarnation incarnation = new Incarnation();
    private final java.util.concurrent.ScheduledExecutorService heartbeats;
    private volatile State state = State.NEW;

    private enum State { NEW, RUNNING, STOPPING, CLOSED }

    /**
     * A worker on the Kafka cluster {@code kafka} describes.
     *
     * @param registry where its meters go; null for none
     */
    public Worker(KafkaClients kafka, WorkerSettings settings, MeterRegistry registry) {
        this(kafka, settings, registry, null);
    }

    /**
     * A worker on the Kafka cluster {@code kafka} describes, reading {@code millrace:///} files from
     * {@code storage} (null: it reads none).
     */
    public Worker(KafkaClients kafka, WorkerSettings settings, MeterRegistry registry, InternalStorage storage) {
        this(kafka, settings, registry, storage, SecretCipher.none(), TemplateLimits.TASK_DEFAULTS);
    }

    /**
     * A worker on the Kafka cluster {@code kafka} describes, reading {@code millrace:///} files from
     * {@code storage}, opening SECRET input values with {@code cipher}, whose task renders get {@code templates}.
     */
    public Worker(KafkaClients kafka, WorkerSettings settings, MeterRegistry registry, InternalStorage storage,
                  SecretCipher cipher, TemplateLimits templates) {
        this(WorkerClients.of(kafka, settings.id()), settings, registry, storage, System.getenv(), Clock.systemUTC(),
            EventPublisher.Backoff.DEFAULT, () -> new TopicCreator(kafka).createMissing(), cipher, templates);
    }

    /**
     * A worker on the given clients, environment and clock (for tests).
     *
     * @param createTopics run at start, before any client reads or writes (creates the missing topics)
     */
    public Worker(WorkerClients clients, WorkerSettings settings, MeterRegistry registry, InternalStorage storage,
                  Map<String, String> environment, Clock clock, EventPublisher.Backoff backoff,
                  Runnable createTopics) {
        this(clients, settings, registry, storage, environment, clock, backoff, createTopics, SecretCipher.none(),
            TemplateLimits.TASK_DEFAULTS);
    }

    /**
     * A worker on the given clients, environment and clock, opening SECRET input values with {@code cipher},
     * whose task renders get {@code templates}.
     */
    public Worker(WorkerClients clients, WorkerSettings settings, MeterRegistry registry, InternalStorage storage,
                  Map<String, String> environment, Clock clock, EventPublisher.Backoff backoff,
                  Runnable createTopics, SecretCipher cipher, TemplateLimits templates) {
        this.settings = settings;
        // the Spring wiring resolves the wait against the configured grace period; without Spring, the default's
        this.attemptWait = settings.attemptWait(ShutdownSettings.DEFAULT_GRACE_PERIOD);
        this.createTopics = createTopics;
        String id = settings.id();
        TemplateEngine engine = new TemplateEngine(settings.secrets().provider(environment), clock, templates);
        RunnerSettings runnerSettings = new RunnerSettings(id, settings.allowedEnvironment(environment),
            settings.workDir(), clock, storage, settings.commands().runAs(), cipher,
            settings.commands().pidNamespace());
        this.runner = new TaskRunner(engine, runnerSettings);
        this.publisher = new EventPublisher(clients, backoff);
        WorkerMetrics metrics = registry == null ? WorkerMetrics.none(id) : new WorkerMetrics(registry, id);
        this.pool = new AttemptPool(settings.concurrency(), runner, publisher, metrics, clock, id, incarnation);
        this.kills = new KillListener(clients, runner::kill, this::verdict);
        this.intake = new TaskIntake(clients, pool, id, incarnation, host(environment), clock, publisher::announce);
        this.triggers = settings.triggers().concurrency() == 0 ? null : new TriggerIntake(clients,
            new TriggerEvaluator(engine, runnerSettings), settings.triggers(), id, clock);
        this.heartbeats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("millrace-worker-heartbeat").daemon(true).factory());
    }

    /** This worker's id, as its results and instance records name it. */
    public String id() {
        return settings.id();
    }

    /** This worker's current incarnation (a new one after a restart, or after it learns it was declared dead). */
    public String incarnation() {
        return incarnation.current();
    }

    /** Attempts running now. */
    public int busySlots() {
        return pool.busy();
    }

    /**
     * Creates the missing topics, starts reading kills, then taking tasks.
     *
     * @throws RuntimeException when Kafka cannot be reached or refuses the topics; the worker is closed then
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a worker starts once");
        }
        try {
            createTopics.run();
            kills.start();
            intake.start();
            if (triggers != null) {
                triggers.start();
            }
            long every = settings.heartbeatInterval().toMillis();
            heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (RuntimeException | Error e) {
            close(); // nothing was taken yet: just the clients to close
            throw e;
        }
        state = State.RUNNING;
        LOG.info("worker {} started: {} slots", id(), settings.concurrency());
    }

    private void heartbeat() {
        try {
            intake.heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("worker {} could not send its heartbeat: {}", id(), e.toString());
        }
    }

    /**
     * The dead-worker detector declared a worker dead. If it is this worker's current incarnation (it lost its
     * partitions, or its heartbeats did not arrive), the executor sends the attempts it holds again elsewhere:
     * the worker stops them and goes on as a new incarnation, announcing itself at once.
     */
    private void verdict(io.millrace.model.worker.DeadWorker verdict) {
        if (!verdict.workerId().equals(id()) || state == State.STOPPING || state == State.CLOSED) {
            return;
        }
        String dead = verdict.incarnation();
        if (incarnation.renewIfCurrent(dead)) {
            int stopped = pool.abandonIncarnation(dead);
            LOG.warn("worker {} was declared dead ({}); its attempts run elsewhere: {} stopped here; it goes on as "
                + "incarnation {}", id(), verdict.reason(), stopped, incarnation.current());
            heartbeat();
        }
    }

    /** Whether the worker has started and not been closed. */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * While the worker stops: how many of its attempts have not ended and reported, or that it is
     * leaving its group and closing its clients.
     */
    @Override
    public Optional<String> unfinished() {
        if (state != State.STOPPING) {
            return Optional.empty();
        }
        int n = pool.unfinished();
        return Optional.of(n == 0 ? "worker " + id() + " leaving its group and closing its Kafka clients"
            : "worker " + id() + " with " + n + (n == 1 ? " task attempt" : " task attempts") + " unfinished");
    }

    /**
     * Stops gracefully: takes no more tasks, waits up to the attempt wait (shutdown-grace) for the running
     * attempts, interrupts the others and reports them RESUBMITTED so that the executor sends them
     * again at once; then leaves the group, removes its instance record and closes its clients.
     * The worker keeps its partitions (paused) while it waits, so its running attempts stay its own.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state == State.RUNNING;
        state = State.STOPPING;
        boolean interrupted = false;
        intake.stopTaking();
        if (triggers != null) {
            triggers.stopTaking();
        }
        long waitStarted = System.nanoTime();
        try {
            if (started && !pool.awaitIdle(attemptWait)) {
                int n = pool.abandonRunning();
                LOG.info("worker {} stops: {} attempts still running after {} are interrupted and resubmitted", id(), n,
                    attemptWait);
                if (!pool.awaitIdle(WorkerSettings.interruptWait(attemptWait))) {
                    pool.resubmitUnfinished();
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            pool.abandonRunning();
            pool.resubmitUnfinished();
        }
        if (triggers != null) {
            // evaluations waited alongside the attempts; what is left of the attempt wait is theirs
            Duration left = started ? attemptWait.minusNanos(System.nanoTime() - waitStarted) : Duration.ZERO;
            triggers.stop(left.isNegative() ? Duration.ZERO : left);
        }
        heartbeats.shutdownNow();
        intake.close();
        kills.close();
        if (started) {
            publisher.retire(id(), incarnation.current());
        }
        publisher.close();
        runner.close();
        state = State.CLOSED;
        LOG.info("worker {} stopped", id());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String host(Map<String, String> environment) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return List.of("HOSTNAME", "COMPUTERNAME").stream().map(environment::get)
                .filter(h -> h != null && !h.isBlank()).findFirst().orElse("unknown");
        }
    }
}
