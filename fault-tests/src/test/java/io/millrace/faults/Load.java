package io.millrace.faults;

import io.millrace.topics.CommandSender;
import io.millrace.topics.ExecutionFeed;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A steady load: executions of one flow started as earlier ones end, so that a fixed number is
 * in progress at any time. A fault injected between two {@link #startUntil} calls then meets
 * executions at every stage, rather than a burst that the executor finishes in one go.
 */
final class Load {

    private final ExecutionFeed feed;
    private final CommandSender sender;
    private final String flowId;
    private final IntFunction<Map<String, Object>> inputs;
    private final int inFlight;
    private final List<String> ids = new ArrayList<>();

    /** A load of {@code flowId}, the n-th execution (from 0) with {@code inputs.apply(n)}, {@code inFlight} at a time. */
    Load(ExecutionFeed feed, CommandSender sender, String flowId, IntFunction<Map<String, Object>> inputs, int inFlight) {
        this.feed = feed;
        this.sender = sender;
        this.flowId = flowId;
        this.inputs = inputs;
        this.inFlight = inFlight;
    }

    /** Starts executions, keeping {@code inFlight} unfinished, until {@code total} have been started. */
    Load startUntil(int total) {
        while (ids.size() < total) {
            Awaitility.await("fewer than " + inFlight + " executions of " + flowId + " in progress")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> unfinished() < inFlight);
            int more = Math.min(total - ids.size(), inFlight - unfinished());
            for (int i = 0; i < more; i++) {
                ids.add(sender.start(Installation.NAMESPACE, flowId, inputs.apply(ids.size())));
            }
            sender.flush();
        }
        return this;
    }

    /** The executions started so far, in order. */
    List<String> ids() {
        return List.copyOf(ids);
    }

    private int unfinished() {
        return (int) ids.stream().map(feed::execution).filter(e -> e == null || !e.status().isTerminal()).count();
    }
}
