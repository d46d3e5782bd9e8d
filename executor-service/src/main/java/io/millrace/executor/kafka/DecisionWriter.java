package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.Decision;
import io.millrace.executor.orchestrator.Timer;
import io.millrace.kafka.RecordLimits;
import io.millrace.model.command.ConcurrencySlot;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.topics.Keys;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.function.Function;

/**
 * Writes a decision of the orchestrator: every record it implies is serialised and measured first
 * ({@link Outbox}); only when all fit are the stores changed and the records forwarded, in the stream
 * task's transaction. When one does not fit, nothing is written and the caller decides what to do
 * instead (the execution's state in the cache must then be dropped: the orchestrator changed it in place).
 */
final class DecisionWriter {

    private final ProcessorContext<String, Object> context;
    private final ExecutionStores executions;
    private final KeyValueStore<String, Timer> timers;
    private final KeyValueStore<String, String> evictions;
    private final RecordLimits limits;
    private final Function<Sinks, String> topics;
    private final Duration terminalRetention;

    DecisionWriter(ProcessorContext<String, Object> context, ExecutionStores executions,
                   KeyValueStore<String, Timer> timers, KeyValueStore<String, String> evictions, RecordLimits limits,
                   Function<Sinks, String> topics, Duration terminalRetention) {
        this.context = context;
        this.executions = executions;
        this.timers = timers;
        this.evictions = evictions;
        this.limits = limits;
        this.topics = topics;
        this.terminalRetention = terminalRetention;
    }

    /**
     * Writes {@code d}, a decision about execution {@code executionId}.
     *
     * @param created whether the decision created the execution (its state is then adopted by the cache)
     * @return null when written, else the first record that would not fit (and nothing was written)
     */
    Outbox.TooLarge write(Decision d, String executionId, boolean created) {
        Outbox out = new Outbox(limits, topics);
        ExecutionHeader h = d.header();
        if (h != null) {
            out.add(Sinks.EXECUTIONS, h.id(), h, "the execution record (inputs, outputs, labels, trigger, states)");
        }
        for (TaskRun r : d.taskRuns()) {
            out.add(Sinks.TASKRUNS, Keys.taskRun(r.executionId(), r.id()), r,
                "the task run of task '" + r.taskId() + "' (outputs, iteration values, states)");
        }
        for (String removed : d.removedTaskRuns()) {
            out.add(Sinks.TASKRUNS, Keys.taskRun(executionId, removed), null, "a task run tombstone");
        }
        for (WorkerTask wt : d.workerTasks()) {
            out.add(Sinks.WORKER_TASKS, Keys.taskRun(wt.taskRun().executionId(), wt.taskRun().id()), wt,
                "the task sent to workers for task '" + wt.taskRun().taskId()
                    + "' (with the inputs, outputs and variables its templates may read)");
        }
        for (ExecutionCommand c : d.commands()) {
            out.add(Sinks.EXECUTION_COMMANDS, c.executionId(), c, "the " + c.getClass().getSimpleName()
                + " command for execution " + c.executionId() + " (a subflow's inputs, or a snapshot)");
        }
        for (KillTaskRun k : d.killTaskRuns()) {
            out.add(Sinks.EXECUTION_KILLED, k.executionId(), k, "a kill");
        }
        for (ConcurrencySlot s : d.concurrency()) {
            out.add(Sinks.CONCURRENCY_SLOTS, s.flowKey(), s, "a concurrency slot request");
        }
        for (LogEntry l : d.logs()) {
            out.addLog(l);
        }
        if (out.tooLarge() != null) {
            return out.tooLarge();
        }
        store(d, executionId, created);
        long ts = context.currentSystemTimeMs();
        for (Outbox.Item i : out.items()) {
            context.forward(new Record<>(i.key(), (Object) i.value(), ts), i.sink().node());
        }
        return null;
    }

    private void store(Decision d, String executionId, boolean created) {
        ExecutionHeader h = d.header();
        if (created && h != null) {
            executions.adopt(ExecutionState.of(h, d.taskRuns()));
        }
        if (h != null) {
            executions.saveHeader(h);
            if (h.status().isTerminal()) {
                long due = context.currentSystemTimeMs() + terminalRetention.toMillis();
                evictions.put(Stores.dueKey(due, h.id()), h.id());
            }
        }
        d.taskRuns().forEach(executions::saveTaskRun);
        d.removedTaskRuns().forEach(removed -> executions.deleteTaskRun(executionId, removed));
        for (Timer t : d.timers()) {
            timers.put(Stores.dueKey(t.dueAt().toEpochMilli(), t.key()), t);
        }
    }

    /** Forwards one record outside a decision (tombstones of deletions and of released attempts). */
    void forward(Sinks sink, String key, Object value) {
        context.forward(new Record<>(key, value, context.currentSystemTimeMs()), sink.node());
    }
}
