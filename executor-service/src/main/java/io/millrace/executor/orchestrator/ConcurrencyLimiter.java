package io.millrace.executor.orchestrator;

import io.millrace.model.command.ConcurrencySlot;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.command.QueueExecution;
import io.millrace.model.command.RejectExecution;
import io.millrace.model.command.StartExecution;
import io.millrace.model.execution.ExecutionStatus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Counts the running executions of one flow and answers slot requests: start, queue, cancel or
 * fail, and start the oldest queued execution when a slot frees. A pure function over a small
 * per-flow value, so it can live in any store keyed by flow.
 */
public final class ConcurrencyLimiter {

    /** The executions of one flow holding a slot, and those waiting for one (oldest first). */
    public record FlowSlots(List<String> running, List<String> queued) {

        public static final FlowSlots EMPTY = new FlowSlots(List.of(), List.of());

        public FlowSlots {
            running = List.copyOf(running);
            queued = List.copyOf(queued);
        }
    }

    /** The new value for the flow and the commands to send to executions. */
    public record Outcome(FlowSlots slots, List<ExecutionCommand> commands) {
    }

    private ConcurrencyLimiter() {
    }

    public static Outcome apply(FlowSlots current, ConcurrencySlot request) {
        FlowSlots slots = current == null ? FlowSlots.EMPTY : current;
        LinkedHashSet<String> running = new LinkedHashSet<>(slots.running());
        LinkedHashSet<String> queued = new LinkedHashSet<>(slots.queued());
        List<ExecutionCommand> commands = new ArrayList<>();
        String id = request.executionId();
        switch (request.action()) {
            case ACQUIRE -> {
                if (running.contains(id)) {
                    commands.add(new StartExecution(id)); // a repeated request: answer it again
                } else if (queued.contains(id)) {
                    commands.add(new QueueExecution(id));
                } else if (running.size() < request.limit()) {
                    running.add(id);
                    commands.add(new StartExecution(id));
                } else {
                    switch (request.behavior()) {
                        case QUEUE -> {
                            queued.add(id);
                            commands.add(new QueueExecution(id));
                        }
                        case CANCEL -> commands.add(new RejectExecution(id, ExecutionStatus.CANCELLED,
                            "cancelled: the flow's concurrency limit of " + request.limit() + " is reached"));
                        case FAIL -> commands.add(new RejectExecution(id, ExecutionStatus.FAILED,
                            "failed: the flow's concurrency limit of " + request.limit() + " is reached"));
                    }
                }
            }
            case RELEASE -> {
                running.remove(id);
                queued.remove(id);
                while (running.size() < request.limit() && !queued.isEmpty()) {
                    String next = queued.getFirst();
                    queued.remove(next);
                    running.add(next);
                    commands.add(new StartExecution(next));
                }
            }
        }
        return new Outcome(new FlowSlots(new ArrayList<>(running), new ArrayList<>(queued)), commands);
    }
}
