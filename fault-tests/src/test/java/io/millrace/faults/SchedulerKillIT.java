package io.millrace.faults;

import io.millrace.schedule.FireLog;
import io.millrace.schedule.FireLog.Fire;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.topics.CommandSender;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of two schedulers killed with {@code kill -9} while 200 flows each fire every second: the
 * other takes its partitions of {@code flows} over after the consumer session timeout, finds the
 * pause longer than {@code downtime-after} and fires every date missed meanwhile
 * ({@code recoverMissedSchedules: ALL}, the default). Over the whole run, every flow gets exactly one
 * command and one execution per second, nothing twice.
 *
 * <p>The schedulers run with their defaults: the tick (200 ms), {@code downtime-after} (5 s), two stream
 * threads, and Millrace's consumer session timeout (10 s), which decides how long the dead scheduler
 * keeps its partitions.
 */
@Tag("fault")
class SchedulerKillIT {

    private static final int FLOWS = 200;
    private static final int PARTITIONS = 8;
    /** How long every flow fires before the kill, and after the survivor has taken every flow over. */
    private static final Duration BEFORE_KILL = Duration.ofSeconds(15);
    private static final Duration AFTER_TAKEOVER = Duration.ofSeconds(20);
    /** Seconds left out at each end of the checked window (see {@link #window}). */
    private static final Duration EDGE = Duration.ofSeconds(2);

    /** The scheduler's own lines (a downtime found, a trigger set aside) in the process logs. */
    static final String SCHEDULER_LOGS = "--logging.level.io.millrace.scheduler=INFO";

    @RegisterExtension
    final Installation millrace = new Installation(PARTITIONS);

    @Test
    void theSurvivingSchedulerFiresEverySecondOfEveryFlowExactlyOnce() {
        millrace.startKafka();
        millrace.startWorker("w1", 64);
        millrace.startExecutor("a");
        millrace.startSchedulers(List.of("a", "b"), SCHEDULER_LOGS);
        millrace.awaitWorkers("w1");

        List<String> flows = IntStream.range(0, FLOWS).mapToObj(n -> String.format("every-second-%03d", n)).toList();
        Instant begin = Instant.now();
        flows.forEach(id -> millrace.sender().deploy(everySecond(id)));
        try (FireLog log = new FireLog(millrace.kafka(), millrace.prefix() + "fire-reader", 0)) {
            Awaitility.await("every flow to fire").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> new FireAudit(flows, log.fires()).everyFlowFiring().isBefore(Instant.MAX));
            Instant everyFlowFiring = new FireAudit(flows, log.fires()).everyFlowFiring();
            awaitEveryFlowFired(log, flows, everyFlowFiring.plus(BEFORE_KILL));

            Set<Integer> owned = millrace.schedulerPartitions("b");
            List<String> flowsOfB = flows.stream().filter(f -> owned.contains(partitionOf(f))).toList();
            Instant killedAt = Instant.now();
            millrace.process("scheduler-b").kill();

            // taken over: every flow of the dead scheduler's partitions has been sent a fire since the kill
            Awaitility.await("the survivor to fire the flows of the killed scheduler").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    FireAudit now = new FireAudit(flowsOfB, log.fires());
                    return flowsOfB.stream().allMatch(f -> now.of(f).stream().anyMatch(x -> x.sentAt().isAfter(killedAt)));
                });
            FireAudit atTakeover = new FireAudit(flowsOfB, log.fires());
            Instant firstTakeover = sentAfter(atTakeover, flowsOfB, killedAt, true);
            Instant lastTakeover = sentAfter(atTakeover, flowsOfB, killedAt, false);
            awaitEveryFlowFired(log, flows, lastTakeover.plus(AFTER_TAKEOVER));

            Instant stoppedAt = Instant.now();
            millrace.process("scheduler-a").terminate();
            millrace.process("scheduler-a").awaitExit(Duration.ofSeconds(60));
            Duration termToExit = Duration.between(stoppedAt, Instant.now());
            log.awaitCaughtUp(Duration.ofSeconds(60));

            FireAudit audit = new FireAudit(flows, log.fires());
            Outcome outcome = Outcome.await(millrace.feed(), audit.executionIds(), stoppedAt, Duration.ofMinutes(3));
            Instant from = audit.everyFlowFiring().plus(EDGE);
            Instant to = audit.everyFlowStillFiring().minus(EDGE);
            List<String> missing = audit.missing(from, to);
            List<String> doubled = audit.doubled();
            List<String> executionProblems = audit.executionProblems(millrace.feed(), Installation.NAMESPACE, from, to);
            var gap = audit.longestGap();
            // the failover: from the kill to the last flow taken over (dates due meanwhile, on any partition)
            Instant failoverFrom = killedAt.minusSeconds(1);
            List<Duration> during = audit.lateness(f -> inWindow(f, from, to) && !f.date().isBefore(failoverFrom)
                && !f.date().isAfter(lastTakeover));
            List<Duration> outside = audit.lateness(f -> inWindow(f, from, to) && (f.date().isBefore(failoverFrom)
                || f.date().isAfter(lastTakeover)));
            // each partition of the killed scheduler: from the kill to its first fire by the survivor
            Map<Integer, String> takeover = new TreeMap<>();
            for (int p : owned) {
                List<String> onP = flowsOfB.stream().filter(f -> partitionOf(f) == p).toList();
                if (!onP.isEmpty()) {
                    takeover.put(p, seconds(Duration.between(killedAt, sentAfter(audit, onP, killedAt, true))));
                }
            }
            outcome.figures("scheduler-kill-9").add("flows", FLOWS).add("fires", audit.count())
                .add("windowSeconds", Duration.between(from, to).toSeconds() + 1)
                .add("missed", missing.size()).add("doubledCommands", doubled.size())
                .add("executionProblems", executionProblems.size()).add("repeatedCommands", audit.repeated())
                .add("partitionsOfKilled", owned.size()).add("flowsOfKilled", flowsOfB.size())
                .seconds("killToFirstSurvivorFire", Duration.between(killedAt, firstTakeover))
                .seconds("killToLastFlowTakenOver", Duration.between(killedAt, lastTakeover))
                .add("takeoverByPartition", takeover.entrySet().stream().map(e -> "p" + e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(",")))
                .seconds("longestGap", gap.getValue())
                .seconds("latenessP50", FireAudit.percentile(outside, 50))
                .seconds("latenessP99", FireAudit.percentile(outside, 99))
                .seconds("failoverLatenessP50", FireAudit.percentile(during, 50))
                .seconds("failoverLatenessP99", FireAudit.percentile(during, 99))
                .seconds("termToExit", termToExit).seconds("stopToAllEnded", outcome.waited())
                .seconds("total", Duration.between(begin, Instant.now())).print();

            assertThat(flowsOfB).as("flows on the killed scheduler's partitions " + owned).isNotEmpty();
            assertThat(missing).as("seconds of the window [%s, %s] a flow never fired:\n%s", from, to,
                FireAudit.firstOf(missing, 20)).isEmpty();
            assertThat(doubled).as("dates fired under two ids:\n%s", FireAudit.firstOf(doubled, 20)).isEmpty();
            assertThat(executionProblems).as("seconds with no execution or several:\n%s",
                FireAudit.firstOf(executionProblems, 20)).isEmpty();
            // the window must reach the fault and the end of the run: a flow that stopped firing early must
            // not shrink it
            assertThat(from).as("every flow firing").isBefore(killedAt.minus(BEFORE_KILL).plusSeconds(5));
            assertThat(to).as("every flow still firing").isAfter(stoppedAt.minusSeconds(5));
            outcome.assertNothingLostDuplicatedOrStuck();
            outcome.assertAllEnded(ExecutionStatus.SUCCESS, audit.executionIds());
        }
    }

    /** The flow {@code id}: a trivial task, started every second by a Schedule with seconds. */
    static String everySecond(String id) {
        return everySecond(id, null);
    }

    /** The flow {@code id} firing every second, with {@code recoverMissedSchedules} when not null. */
    static String everySecond(String id, String recover) {
        return """
            id: %s
            namespace: %s
            tasks:
              - id: done
                type: io.millrace.core.debug.Return
                format: "{{ trigger.date }}"
            triggers:
              - id: every-second
                type: io.millrace.core.trigger.Schedule
                cron: "* * * * * *"
                withSeconds: true
            """.formatted(id, Installation.NAMESPACE)
            + (recover == null ? "" : "    recoverMissedSchedules: " + recover + "\n");
    }

    /** The partition of {@code flows} (and the scheduler task) that holds the flow {@code id}. */
    static int partitionOf(String id) {
        return CommandSender.flowPartition(Installation.NAMESPACE + "/" + id, PARTITIONS);
    }

    /** Waits until every flow has been sent a fire dated {@code date} or later. */
    static void awaitEveryFlowFired(FireLog log, List<String> flows, Instant date) {
        Duration left = Duration.between(Instant.now(), date);
        Awaitility.await("every flow to fire " + date).atMost(left.plus(Duration.ofMinutes(1)))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> !new FireAudit(flows, log.fires()).everyFlowStillFiring().isBefore(date));
    }

    /** The first ({@code first}) or last among the flows' first sends after {@code after}. */
    private static Instant sentAfter(FireAudit audit, List<String> flows, Instant after, boolean first) {
        var firsts = flows.stream().map(f -> audit.of(f).stream().map(Fire::sentAt).filter(t -> t.isAfter(after))
            .min(Instant::compareTo).orElseThrow());
        return (first ? firsts.min(Instant::compareTo) : firsts.max(Instant::compareTo)).orElseThrow();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static boolean inWindow(Fire f, Instant from, Instant to) {
        return !f.date().isBefore(from) && !f.date().isAfter(to);
    }
}
