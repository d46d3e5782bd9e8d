package io.millrace.executor.orchestrator;

import io.millrace.model.Flow;
import io.millrace.model.command.CompleteSubflowTask;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.CreateReplayedExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.command.DeleteExecution;
import io.millrace.model.command.KillExecution;
import io.millrace.model.command.QueueExecution;
import io.millrace.model.command.RejectExecution;
import io.millrace.model.command.ReplayExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.command.ResumeExecution;
import io.millrace.model.command.StartExecution;
import io.millrace.model.execution.ExecutionState;
import io.millrace.secrets.SecretCipher;
import io.millrace.template.TemplateEngine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The pure core of the executor: {@code apply(state, event, flow, clock) -> decision}. One handler
 * per event type changes the execution; {@link Progression} then drives it as far as it can go.
 * Deterministic and free of I/O: the same state, event, flow and time give the same decision.
 * {@link Event.Abort} ends an execution FAILED from outside, and needs no flow.
 * The given state is changed in place and the decision lists every change; if handling fails,
 * the state is rolled back and the exception propagates (the caller dead-letters the event).
 */
public final class Orchestrator {

    /** Extra time the executor grants a worker past a task's timeout before failing the attempt itself. */
    static final Duration TIMEOUT_GRACE = Duration.ofSeconds(5);

    /** How deep subflows may nest unless configured otherwise ({@code millrace.executor.max-subflow-depth}). */
    public static final int DEFAULT_MAX_SUBFLOW_DEPTH = 10;

    private final TemplateEngine engine;
    private final int maxSubflowDepth;
    private final CreateExecutionHandler create;
    private final CreateReplayedExecutionHandler createReplayed;
    private final AdmissionHandler admission = new AdmissionHandler();
    private final KillHandler kill = new KillHandler();
    private final RestartHandler restart = new RestartHandler();
    private final ReplayHandler replay = new ReplayHandler();
    private final ResumeHandler resume = new ResumeHandler();
    private final CompleteSubflowTaskHandler subflowEnded = new CompleteSubflowTaskHandler();
    private final WorkerResultHandler results = new WorkerResultHandler();
    private final WorkerLostHandler lost = new WorkerLostHandler();
    private final TimerHandler timers = new TimerHandler(restart);
    private final AbortHandler abort = new AbortHandler();

    public Orchestrator(TemplateEngine engine) {
        this(engine, DEFAULT_MAX_SUBFLOW_DEPTH);
    }

    /**
     * @param maxSubflowDepth the deepest a subflow may run (a root execution is at depth 0): a Subflow
     *                        task that would start a deeper one fails instead
     */
    public Orchestrator(TemplateEngine engine, int maxSubflowDepth) {
        this(engine, maxSubflowDepth, SecretCipher.none());
    }

    /**
     * @param maxSubflowDepth the deepest a subflow may run
     * @param cipher          seals the SECRET input values of the executions it creates; without a key, an
     *                        execution given a SECRET value fails rather than store it in clear
     */
    public Orchestrator(TemplateEngine engine, int maxSubflowDepth, SecretCipher cipher) {
        if (maxSubflowDepth < 0) {
            throw new IllegalArgumentException("the subflow depth limit must be 0 or more, not " + maxSubflowDepth);
        }
        this.engine = engine;
        this.maxSubflowDepth = maxSubflowDepth;
        this.create = new CreateExecutionHandler(engine, maxSubflowDepth, cipher);
        this.createReplayed = new CreateReplayedExecutionHandler(engine, maxSubflowDepth);
    }

    /**
     * Applies {@code event} to the execution.
     *
     * @param state the execution's current state, or null when it does not exist yet
     * @param flow  the flow revision the execution runs (for a creation: the revision to run), or null
     *              when it does not exist: an execution that has not ended is then aborted
     * @return what changed and what must be sent; {@link Decision#NONE} for a stale or duplicate event
     */
    public Decision apply(ExecutionState state, Event event, Flow flow, InstantSource clock) {
        Instant now = clock.instant();
        if (state == null) {
            ExecutionStep step = switch (event) {
                case Event.Command(CreateExecution c) -> create.handle(c, flow, now);
                case Event.Command(CreateReplayedExecution c) -> createReplayed.handle(c, flow, now);
                default -> null; // an event for an execution that does not exist (any more)
            };
            if (step == null) {
                return Decision.NONE;
            }
            Progression.run(step);
            return step.decision(step.state().commit());
        }
        state.begin();
        try {
            ExecutionStep step = new ExecutionStep(state, flow, now, engine, maxSubflowDepth);
            if (flow == null && !(event instanceof Event.Abort)) {
                abort.withoutFlow(event, step);
                return step.decision(state.commit());
            }
            switch (event) {
                case Event.Command(ExecutionCommand command) -> command(command, step);
                case Event.TaskResult(var result) -> results.handle(result, step);
                case Event.TimerDue(Timer timer) -> timers.handle(timer, step);
                case Event.WorkerLost l -> lost.handle(l, step);
                case Event.Abort a -> abort.handle(a, step);
            }
            Progression.run(step);
            return step.decision(state.commit());
        } catch (RuntimeException | Error e) {
            state.rollback();
            throw e;
        }
    }

    private void command(ExecutionCommand command, ExecutionStep step) {
        switch (command) {
            case CreateExecution c -> { } // the execution exists: a duplicate, ignored
            case CreateReplayedExecution c -> { }
            case StartExecution c -> admission.start(c, step);
            case QueueExecution c -> admission.queue(c, step);
            case RejectExecution c -> admission.reject(c, step);
            case KillExecution c -> kill.handle(c, step);
            case RestartExecution c -> restart.handle(c, step);
            case ReplayExecution c -> replay.handle(c, step);
            case ResumeExecution c -> resume.handle(c, step);
            case CompleteSubflowTask c -> subflowEnded.handle(c, step);
            case DeleteExecution c -> { } // storage, not orchestration: the Kafka executor deletes
        }
    }
}
