package io.millrace.faults;

import io.millrace.schedule.FireLog;
import io.millrace.schedule.FireLog.Fire;
import io.millrace.model.execution.ExecutionStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scheduler stopped for a while, then one started again: on each partition, the first tick finds
 * the pause longer than {@code downtime-after} and each trigger's {@code recoverMissedSchedules} decides
 * which of the dates missed meanwhile fire — {@code ALL} every one, {@code LAST} only the latest,
 * {@code NONE} none — and no date ever fires twice. Each partition of {@code flows} holds one flow of each
 * kind, so that the recovery tick of a partition (when its ALL and LAST flows fired) dates what its NONE
 * and LAST flows must do.
 */
@Tag("fault")
class SchedulerRestartIT {

    private static final int PARTITIONS = 8;
    private static final List<String> KINDS = List.of("ALL", "LAST", "NONE");
    /** How long every scheduler stays stopped (the start of the new one comes on top). */
    private static final Duration DOWNTIME = Duration.ofSeconds(10);
    private static final Duration RUN = Duration.ofSeconds(5);
    /**
     * A tick computes its dates at the punctuation time and stamps its records with the task's clock: the
     * two may differ by a few milliseconds, so a record timestamp stands for the tick within this tolerance.
     */
    private static final Duration SKEW = Duration.ofMillis(50);

    @RegisterExtension
    final Installation millrace = new Installation(PARTITIONS);

    @Test
    void aRestartAfterDowntimeFiresTheMissedDatesEachTriggerAsksFor() throws InterruptedException {
        millrace.startKafka();
        millrace.startWorker("w1", 16);
        millrace.startExecutor("a");
        millrace.startSchedulers(List.of("a", "b"), SchedulerKillIT.SCHEDULER_LOGS);
        millrace.awaitWorkers("w1");

        // flow id -> its recoverMissedSchedules, one flow of each kind on every partition
        Map<String, String> kinds = new LinkedHashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            for (String kind : KINDS) {
                int partition = p;
                String id = IntStream.iterate(0, n -> n + 1).mapToObj(n -> "recover-" + kind.toLowerCase() + "-" + n)
                    .filter(f -> SchedulerKillIT.partitionOf(f) == partition).findFirst().orElseThrow();
                kinds.put(id, kind);
            }
        }
        List<String> flows = List.copyOf(kinds.keySet());
        Instant begin = Instant.now();
        kinds.forEach((id, kind) -> millrace.sender().deploy(SchedulerKillIT.everySecond(id, kind)));
        try (FireLog log = new FireLog(millrace.kafka(), millrace.prefix() + "fire-reader", 0)) {
            SchedulerKillIT.awaitEveryFlowFired(log, flows, Instant.now().plus(RUN));

            Instant stoppedAt = Instant.now();
            millrace.process("scheduler-a").terminate();
            millrace.process("scheduler-b").terminate();
            millrace.process("scheduler-a").awaitExit(Duration.ofSeconds(60));
            millrace.process("scheduler-b").awaitExit(Duration.ofSeconds(60));
            Duration stopping = Duration.between(stoppedAt, Instant.now());
            // the fault itself: no scheduler runs for a while, there is nothing to wait for
            Thread.sleep(DOWNTIME.toMillis());
            Instant restartAt = Instant.now();
            millrace.startScheduler("a", SchedulerKillIT.SCHEDULER_LOGS);
            SchedulerKillIT.awaitEveryFlowFired(log, flows, Instant.now().plus(RUN));
            millrace.process("scheduler-a").terminate();
            millrace.process("scheduler-a").awaitExit(Duration.ofSeconds(60));
            log.awaitCaughtUp(Duration.ofSeconds(60));

            FireAudit audit = new FireAudit(flows, log.fires());
            Outcome outcome = Outcome.await(millrace.feed(), audit.executionIds(), Instant.now(), Duration.ofMinutes(2));

            // each partition's recovery tick: when the first fire after the restart was sent there
            Map<Integer, Instant> recoveryTick = new LinkedHashMap<>();
            for (String f : flows) {
                audit.of(f).stream().map(Fire::sentAt).filter(t -> !t.isBefore(restartAt)).min(Instant::compareTo)
                    .ifPresent(t -> recoveryTick.merge(SchedulerKillIT.partitionOf(f), t, (x, y) -> x.isBefore(y) ? x : y));
            }
            List<String> wrong = new ArrayList<>();
            Map<String, Integer> fired = new LinkedHashMap<>();
            Duration longestDowntime = Duration.ZERO;
            for (String f : flows) {
                List<Fire> fires = audit.of(f);
                List<Fire> before = fires.stream().filter(x -> x.sentAt().isBefore(restartAt)).toList();
                List<Fire> after = fires.stream().filter(x -> !x.sentAt().isBefore(restartAt)).toList();
                Instant tick = recoveryTick.get(SchedulerKillIT.partitionOf(f));
                if (before.isEmpty() || after.isEmpty() || tick == null) {
                    wrong.add(f + ": fired " + before.size() + " times before the stop, " + after.size() + " after the restart");
                    continue;
                }
                Instant lastBefore = before.getLast().date();
                longestDowntime = max(longestDowntime, Duration.between(before.getLast().sentAt(), tick));
                // every date up to the stop, and every date after the recovery tick, fired
                wrong.addAll(new FireAudit(List.of(f), before).missing(before.getFirst().date(), lastBefore));
                wrong.addAll(new FireAudit(List.of(f), after).missing(after.getFirst().date(), after.getLast().date()));
                // what the recovery tick sent (its records carry the tick's time): the missed dates it fired
                List<Instant> recovered = after.stream().filter(x -> Duration.between(tick, x.sentAt()).abs()
                    .compareTo(SKEW) <= 0).map(Fire::date).toList();
                Instant firstAfter = after.getFirst().date();
                String kind = kinds.get(f);
                fired.merge(kind, recovered.size(), Integer::sum);
                boolean right = switch (kind) {
                    // every date since the last one before the stop, up to the recovery tick
                    case "ALL" -> firstAfter.equals(lastBefore.plusSeconds(1))
                        && recovered.size() >= Duration.between(lastBefore, tick).toSeconds();
                    // one date, the latest that had passed at the recovery tick; the ones before it skipped
                    case "LAST" -> recovered.equals(List.of(firstAfter)) && firstAfter.isAfter(lastBefore.plusSeconds(1))
                        && firstAfter.isAfter(tick.minusSeconds(1).minus(SKEW)) && !firstAfter.isAfter(tick.plus(SKEW));
                    // nothing from the downtime: the first date after the recovery tick
                    case "NONE" -> recovered.isEmpty() && firstAfter.isAfter(tick.minus(SKEW))
                        && !firstAfter.isAfter(tick.plusSeconds(1).plus(SKEW));
                    default -> false;
                };
                if (!right) {
                    wrong.add(f + " (" + kind + "): last date before the stop " + lastBefore + ", recovery tick " + tick
                        + ", dates fired after the restart " + after.stream().map(Fire::date).limit(30).toList());
                }
            }
            List<String> doubled = audit.doubled();
            List<String> executionProblems = audit.executionProblems(millrace.feed(), Installation.NAMESPACE, null, null);
            outcome.figures("scheduler-restart").add("flows", flows.size()).add("fires", audit.count())
                .add("recoveredAll", fired.get("ALL")).add("recoveredLast", fired.get("LAST"))
                .add("recoveredNone", fired.get("NONE")).add("wrong", wrong.size()).add("doubledCommands", doubled.size())
                .add("executionProblems", executionProblems.size()).add("repeatedCommands", audit.repeated())
                .seconds("stopping", stopping).seconds("longestDowntime", longestDowntime)
                .seconds("restartToLastRecovery", Duration.between(restartAt,
                    recoveryTick.values().stream().max(Instant::compareTo).orElse(restartAt)))
                .seconds("total", Duration.between(begin, Instant.now())).print();

            assertThat(recoveryTick).as("partitions with a recovery tick").hasSize(PARTITIONS);
            assertThat(wrong).as("flows whose missed dates did not fire as recoverMissedSchedules says:\n%s",
                FireAudit.firstOf(wrong, 30)).isEmpty();
            assertThat(doubled).as("dates fired under two ids:\n%s", FireAudit.firstOf(doubled, 20)).isEmpty();
            assertThat(executionProblems).as("dates with several executions:\n%s",
                FireAudit.firstOf(executionProblems, 20)).isEmpty();
            assertThat(longestDowntime).as("the downtime (longer than downtime-after)").isGreaterThan(DOWNTIME);
            outcome.assertNothingLostDuplicatedOrStuck();
            outcome.assertAllEnded(ExecutionStatus.SUCCESS, audit.executionIds());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
