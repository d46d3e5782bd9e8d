package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Decision;
import io.millrace.executor.orchestrator.Event;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.orchestrator.Timer;
import io.millrace.model.Flow;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.command.ReplayExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.serde.Json;
import io.millrace.topics.Keys;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;

/**
 * Applies one event to its execution in the executor: loads the latest state (or brings an evicted one back
 * from a restart's snapshot), lets the {@link Orchestrator} decide and hands the decision to the
 * {@link DecisionWriter}. What cannot be written or applied is turned into something smaller rather than
 * dropped: a result whose outputs do not fit fails without them, anything else that does not fit fails the
 * execution, an event whose handling throws goes to the dead letters and fails its execution, and an
 * execution whose last write the broker refused ({@link PoisonRecords}) is failed instead of written again.
 */
final class EventApplier {

    private static final Logger LOG = LoggerFactory.getLogger(EventApplier.class);

    /** How far an event that cannot be written has been turned into a smaller one. */
    private enum Fallback { NONE, RESULT_WITHOUT_OUTPUTS, ABORT }

    private final ProcessorContext<String, Object> context;
    private final Orchestrator orchestrator;
    private final FlowCache flows;
    private final ExecutionStores executions;
    private final DecisionWriter writer;
    private final KeyValueStore<String, PendingCreation> pending;
    private final PoisonRecords poison;
    private final InstantSource clock;

    EventApplier(ProcessorContext<String, Object> context, Orchestrator orchestrator, FlowCache flows,
                 ExecutionStores executions, DecisionWriter writer, KeyValueStore<String, PendingCreation> pending,
                 PoisonRecords poison, InstantSource clock) {
        this.context = context;
        this.orchestrator = orchestrator;
        this.flows = flows;
        this.executions = executions;
        this.writer = writer;
        this.pending = pending;
        this.poison = poison;
        this.clock = clock;
    }

    /**
     * Applies one event and writes its decision. A decision with a record too large for Kafka is not
     * written: a worker result is applied again as a failure without its outputs, anything else fails the
     * execution ({@link Event.Abort}). A failure to apply the event (a bug) sends it to the dead letters
     * and fails the execution, rather than leave it waiting for ever.
     *
     * @param mayWait whether a creation for a flow revision not received yet may wait for it
     */
    void handle(Event event, String key, byte[] raw, boolean mayWait) {
        String id = event.executionId();
        Fallback fallback = Fallback.NONE;
        PoisonRecords.Poison refused = poison.pending(id);
        if (refused != null) {
            // Kafka refused what this execution wrote last time: fail it, or if even that was refused, set the
            // event aside, rather than repeat the refusal (which would stall the whole partition)
            LOG.error("Kafka refused a record of execution {} ({}): {}", id, refused.reason(),
                refused.refusals() == 1 ? "the execution is failed" : "its event goes to the dead letters");
            if (refused.refusals() > 1) {
                deadLetter(key, raw, event, refused.reason());
                poison.dealtWith(id);
                return;
            }
            event = new Event.Abort(id, "Kafka refused a record Millrace wrote for this execution ("
                + refused.reason() + "); the execution is failed so that the others go on");
            fallback = Fallback.ABORT;
        }
        while (true) {
            Outbox.TooLarge tooLarge;
            try {
                tooLarge = apply(event, mayWait);
            } catch (RuntimeException e) {
                executions.forget(id);
                LOG.error("cannot apply {} to execution {}; sent to dead letters", event.getClass().getSimpleName(), id, e);
                deadLetter(key, raw, event, e.getClass().getSimpleName() + ": " + e.getMessage());
                if (fallback == Fallback.ABORT || event instanceof Event.Abort) {
                    return;
                }
                event = new Event.Abort(id, "Millrace could not apply " + describe(event) + " to this execution ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); it is failed rather than left waiting");
                fallback = Fallback.ABORT;
                continue;
            }
            if (tooLarge == null) {
                if (refused != null) {
                    poison.dealtWith(id);
                }
                return;
            }
            executions.forget(id); // the orchestrator changed the cached state in place: back to what is stored
            LOG.warn("execution {}: {}", id, tooLarge.message());
            if (fallback == Fallback.NONE && event instanceof Event.TaskResult(WorkerTaskResult r)
                && tooLarge.sink() == Sinks.TASKRUNS && tooLarge.key().equals(Keys.taskRun(id, r.taskRunId()))
                && r.outputs() != null && !r.outputs().isEmpty()) {
                // the attempt's own outputs are too large: it fails without them, and the flow goes on as it says
                event = new Event.TaskResult(new WorkerTaskResult(r.executionId(), r.taskRunId(), r.attempt(),
                    TaskRunStatus.FAILED, null, "the outputs of this attempt cannot be kept: " + tooLarge.message(),
                    r.startedAt(), r.endedAt(), r.workerId()));
                fallback = Fallback.RESULT_WITHOUT_OUTPUTS;
            } else if (fallback != Fallback.ABORT && !(event instanceof Event.Abort)) {
                if (executions.get(id) == null) {
                    createFailed(event, tooLarge, key, raw);
                    return;
                }
                event = new Event.Abort(id, tooLarge.message());
                fallback = Fallback.ABORT;
            } else {
                LOG.error("execution {} cannot even be failed within Kafka's record size; its event goes to the dead "
                    + "letters", id);
                deadLetter(key, raw, event, tooLarge.message());
                return;
            }
        }
    }

    /**
     * A creation whose first decision does not fit: the execution is created FAILED, with no task run and the
     * reason in its logs (a parent waiting on it as a subflow is told), so that it is there to be seen.
     */
    private void createFailed(Event event, Outbox.TooLarge tooLarge, String key, byte[] raw) {
        Decision first;
        try {
            first = orchestrator.apply(null, event, flows.flowFor(event, null), clock);
        } catch (RuntimeException e) {
            first = Decision.NONE;
        }
        executions.forget(event.executionId());
        ExecutionHeader h = first.header();
        Outbox.TooLarge still = h == null ? tooLarge : writer.write(FailedCreation.of(h, tooLarge.message(), clock.instant()),
            h.id(), true);
        if (still != null) {
            executions.forget(event.executionId());
            LOG.error("execution {} cannot be created within Kafka's record size; its command goes to the dead letters",
                event.executionId());
            deadLetter(key, raw, event, still.message());
        }
    }

    private void deadLetter(String key, byte[] raw, Event event, String error) {
        DeadLetters.send(context, key, raw != null ? raw : Json.write(event).getBytes(StandardCharsets.UTF_8), error,
            "executor");
    }

    /** Applies one event and writes its decision if every record fits; returns the one that does not. */
    private Outbox.TooLarge apply(Event event, boolean mayWait) {
        String id = event.executionId();
        ExecutionState state = executions.get(id);
        if (state == null) {
            state = rehydrate(event);
        }
        Flow flow = flows.flowFor(event, state);
        if (mayWait && state == null && flow == null && event instanceof Event.Command(CreateExecution c)
            && waitsForFlow(c)) {
            pending.put(c.executionId(), new PendingCreation(c, context.currentSystemTimeMs()));
            return null;
        }
        Decision d = orchestrator.apply(state, event, flow, clock);
        return writer.write(d, id, state == null && d.header() != null);
    }

    private static String describe(Event event) {
        return switch (event) {
            case Event.Command(ExecutionCommand c) -> "a " + c.getClass().getSimpleName() + " command";
            case Event.TaskResult(WorkerTaskResult r) -> "the result of attempt " + r.attempt() + " of task run "
                + r.taskRunId();
            case Event.TimerDue(Timer t) -> "a " + t.kind() + " timer";
            case Event.WorkerLost l -> "the loss of attempt " + l.attempt() + " of task run " + l.taskRunId();
            case Event.Abort a -> "an abort";
        };
    }

    /** An ended execution that left the store comes back from the snapshot a restart or replay carries. */
    private ExecutionState rehydrate(Event event) {
        Execution snapshot = switch (event) {
            case Event.Command(RestartExecution c) -> c.snapshot();
            case Event.Command(ReplayExecution c) -> c.snapshot();
            default -> null;
        };
        if (snapshot == null) {
            return null;
        }
        executions.saveHeader(snapshot.header());
        snapshot.taskRuns().forEach(executions::saveTaskRun);
        return executions.get(snapshot.id());
    }

    /** A creation naming a revision this executor has not received yet waits for it (the flow was just deployed). */
    private boolean waitsForFlow(CreateExecution c) {
        return c.revision() != null && !flows.knows(c.namespace(), c.flowId(), c.revision());
    }
}
