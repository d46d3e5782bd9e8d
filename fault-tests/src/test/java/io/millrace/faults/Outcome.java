package io.millrace.faults;

import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.topics.ExecutionFeed;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What became of a batch of executions through a fault. {@link #await} waits until they have all
 * ended, or until nothing has moved for {@link #STALL}; the outcome then counts the executions lost
 * (never created), stuck (not ended), duplicated (a task run twice, or a result applied twice) and
 * resubmitted, and checks them with messages that show the executions at fault.
 */
final class Outcome {

    /**
     * How long nothing may move before the executions left are called stuck: longer than any wait
     * recovery involves (a worker's or an executor's session timeout, a broker's fencing).
     */
    static final Duration STALL = Duration.ofSeconds(90);

    private final List<String> ids;
    private final Map<String, Execution> executions;
    private final Map<String, WorkerTaskRunning> running;
    private final Duration waited;

    private Outcome(List<String> ids, Map<String, Execution> executions, Map<String, WorkerTaskRunning> running,
                    Duration waited) {
        this.ids = ids;
        this.executions = executions;
        this.running = running;
        this.waited = waited;
    }

    /**
     * Waits until every execution of {@code ids} has ended (and the topics say no more about them),
     * nothing has arrived for {@link #STALL} since {@code notBefore} or the last arrival, or
     * {@code timeout} has passed.
     */
    static Outcome await(ExecutionFeed feed, List<String> ids, Instant notBefore, Duration timeout) {
        long begin = System.nanoTime();
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> allEnded(feed, ids) || stalled(feed, notBefore));
            if (allEnded(feed, ids)) {
                feed.awaitAll(ids, Duration.ofSeconds(30));
            }
        } catch (ConditionTimeoutException e) {
            // what has not ended is reported as stuck below
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - begin);
        Map<String, Execution> seen = new HashMap<>();
        ids.forEach(id -> {
            Execution e = feed.execution(id);
            if (e != null) {
                seen.put(id, e);
            }
        });
        return new Outcome(List.copyOf(ids), seen, feed.running(), waited);
    }

    private static boolean allEnded(ExecutionFeed feed, List<String> ids) {
        return ids.stream().map(feed::execution).allMatch(e -> e != null && e.status().isTerminal());
    }

    private static boolean stalled(ExecutionFeed feed, Instant notBefore) {
        Instant last = feed.lastArrival().isAfter(notBefore) ? feed.lastArrival() : notBefore;
        return Duration.between(last, Instant.now()).compareTo(STALL) > 0;
    }

    /** How long {@link #await} waited. */
    Duration waited() {
        return waited;
    }

    /** The execution started as {@code id}, or null if it was lost. */
    Execution execution(String id) {
        return executions.get(id);
    }

    /** Executions whose creation never showed: no header at all. */
    List<String> lost() {
        return ids.stream().filter(id -> !executions.containsKey(id)).toList();
    }

    /** Executions that exist but have not ended. */
    List<String> stuck() {
        return ids.stream().filter(id -> executions.containsKey(id) && !executions.get(id).status().isTerminal()).toList();
    }

    /** Executions that ended, in any state. */
    int ended() {
        return (int) executions.values().stream().filter(e -> e.status().isTerminal()).count();
    }

    /**
     * Task runs that should not exist: a second task run of one task for one value and parent, or
     * a task run whose result was applied twice (two successful attempts, or SUCCESS twice in its history).
     */
    List<String> duplicated() {
        List<String> found = new ArrayList<>();
        for (Execution e : executions.values()) {
            Map<String, Long> runs = e.taskRuns().stream().collect(Collectors.groupingBy(
                r -> r.taskId() + "[" + r.value() + "/" + r.iteration() + "] under " + r.parentTaskRunId(),
                Collectors.counting()));
            runs.forEach((run, n) -> {
                if (n > 1) {
                    found.add(e.id() + ": " + n + " task runs of " + run);
                }
            });
            for (TaskRun r : e.taskRuns()) {
                long succeeded = r.attempts().stream().filter(a -> a.state().current() == TaskRunStatus.SUCCESS).count();
                if (succeeded > 1 || r.state().count(TaskRunStatus.SUCCESS) > 1) {
                    found.add(e.id() + ": " + r.taskId() + " succeeded twice: " + describe(r));
                }
            }
        }
        return found;
    }

    /** Task runs with an attempt abandoned by its worker (RESUBMITTED). */
    List<TaskRun> resubmitted() {
        return executions.values().stream().flatMap(e -> e.taskRuns().stream())
            .filter(r -> r.attempts().stream().anyMatch(a -> a.state().current() == TaskRunStatus.RESUBMITTED))
            .toList();
    }

    /**
     * Task runs not ended whose current attempt {@code workerId} still holds on
     * {@code worker_task_running}: for a dead worker, attempts it took and nobody resubmitted.
     */
    List<String> heldBy(String workerId) {
        List<String> held = new ArrayList<>();
        running.forEach((key, r) -> {
            Execution e = executions.get(r.executionId());
            if (r.workerId().equals(workerId) && e != null && e.taskRuns().stream()
                .anyMatch(t -> t.id().equals(r.taskRunId()) && !t.status().isTerminal())) {
                held.add(key);
            }
        });
        return held;
    }

    /** Resubmitted task runs where a RESUBMITTED attempt is not followed by a new attempt. */
    List<String> resubmissionsWithoutNewAttempt() {
        List<String> broken = new ArrayList<>();
        for (TaskRun r : resubmitted()) {
            for (int i = 0; i < r.attempts().size(); i++) {
                if (r.attempts().get(i).state().current() == TaskRunStatus.RESUBMITTED && i == r.attempts().size() - 1) {
                    broken.add(r.executionId() + ": " + describe(r));
                }
            }
        }
        return broken;
    }

    /** When the last attempt was marked RESUBMITTED (its state-history time), if any was. */
    Optional<Instant> lastResubmission() {
        return resubmitted().stream().flatMap(r -> r.attempts().stream())
            .map(a -> a.state().lastDateOf(TaskRunStatus.RESUBMITTED)).filter(Objects::nonNull).max(Instant::compareTo);
    }

    /**
     * The longest time an execution went without any change across {@code fault}: from its last
     * state change before it to its first after it (the executor's and workers' own times in the
     * state histories of the execution, its task runs and their attempts). How long the fault held
     * work up; empty when no execution was in progress across it.
     */
    Optional<Duration> longestPauseAcross(Instant fault) {
        Duration longest = null;
        for (Execution e : executions.values()) {
            List<Instant> dates = new ArrayList<>();
            e.header().state().histories().forEach(h -> dates.add(h.date()));
            for (TaskRun r : e.taskRuns()) {
                r.state().histories().forEach(h -> dates.add(h.date()));
                r.attempts().forEach(a -> a.state().histories().forEach(h -> dates.add(h.date())));
            }
            Optional<Instant> before = dates.stream().filter(d -> !d.isAfter(fault)).max(Instant::compareTo);
            Optional<Instant> after = dates.stream().filter(d -> d.isAfter(fault)).min(Instant::compareTo);
            if (before.isPresent() && after.isPresent()) {
                Duration pause = Duration.between(before.get(), after.get());
                longest = longest == null || pause.compareTo(longest) > 0 ? pause : longest;
            }
        }
        return Optional.ofNullable(longest);
    }

    /** The figures every scenario prints: executions, ended, lost, stuck, duplicated, resubmitted. */
    Figures figures(String scenario) {
        return new Figures(scenario).add("executions", ids.size()).add("ended", ended()).add("lost", lost().size())
            .add("duplicated", duplicated().size()).add("resubmitted", resubmitted().size()).add("stuck", stuck().size());
    }

    /** Fails on any execution lost, stuck or duplicated, showing them. */
    void assertNothingLostDuplicatedOrStuck() {
        assertThat(lost()).as("executions lost (never created)").isEmpty();
        assertThat(stuck()).as("executions stuck (not ended after %d s, nothing moving for %d s):\n%s",
            waited.toSeconds(), STALL.toSeconds(), describe(stuck())).isEmpty();
        assertThat(duplicated()).as("task runs duplicated or applied twice").isEmpty();
        assertThat(resubmissionsWithoutNewAttempt()).as("RESUBMITTED attempts not followed by a new attempt").isEmpty();
    }

    /** Fails unless every execution of {@code among} ended in {@code status}, showing those that did not. */
    void assertAllEnded(ExecutionStatus status, List<String> among) {
        List<String> others = among.stream().filter(id -> executions.containsKey(id)
            && executions.get(id).status() != status).toList();
        assertThat(others).as("executions not in %s:\n%s", status, describe(others)).isEmpty();
    }

    /** The first ten of {@code executionIds} with their task runs, for failure messages. */
    String describe(List<String> executionIds) {
        StringBuilder b = new StringBuilder();
        executionIds.stream().limit(10).forEach(id -> {
            Execution e = executions.get(id);
            b.append("  ").append(id).append(' ').append(e == null ? "(never created)" : e.status()).append('\n');
            if (e != null) {
                e.taskRuns().forEach(r -> {
                    b.append("    ").append(describe(r));
                    WorkerTaskRunning holder = running.get(r.executionId() + "/" + r.id());
                    if (holder != null && !r.status().isTerminal()) {
                        b.append(" (attempt ").append(holder.attempt()).append(" taken by ").append(holder.workerId()).append(')');
                    }
                    b.append('\n');
                });
            }
        });
        if (executionIds.size() > 10) {
            b.append("  … and ").append(executionIds.size() - 10).append(" more\n");
        }
        return b.toString();
    }

    private static String describe(TaskRun r) {
        List<String> attempts = new ArrayList<>();
        for (TaskRunAttempt a : r.attempts()) {
            attempts.add(a.state().current() + (a.workerId() == null ? "" : "@" + a.workerId()));
        }
        return r.taskId() + (r.value() == null ? "" : "[" + r.value() + "]") + " " + r.status()
            + " attempts=" + attempts + (r.error() == null ? "" : " error=" + r.error());
    }
}
