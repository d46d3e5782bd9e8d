package io.millrace.executor.workers;

import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerInstance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector's decisions as a function: given what it knows, when a signal arrives, then its verdicts. */
class WorkerLivenessTest {

    private static final LivenessSettings SETTINGS = new LivenessSettings(Duration.ofSeconds(2),
        Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofHours(1));
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final WorkerLiveness liveness = new WorkerLiveness(SETTINGS);
    private final Map<String, TrackedWorker> workers = new HashMap<>();
    private final java.util.ArrayList<DeadWorker> verdicts = new java.util.ArrayList<>();
    private final java.util.ArrayList<DeadWorker> tombstones = new java.util.ArrayList<>();
    private long now = T0.toEpochMilli();

    private void signal(WorkerLiveness.Signal s) {
        WorkerLiveness.Outcome o = liveness.apply(Map.copyOf(workers), s, now);
        o.changed().forEach(t -> workers.put(t.workerId(), t));
        o.forgotten().forEach(workers::remove);
        verdicts.addAll(o.dead());
        tombstones.addAll(o.tombstones());
    }

    private void announce(String id, String incarnation, int generation, Integer... partitions) {
        announce(id, incarnation, null, generation, partitions);
    }

    private void announce(String id, String incarnation, String group, int generation, Integer... partitions) {
        signal(new WorkerLiveness.Announced(new WorkerInstance(id, incarnation, "host-" + id, group, generation,
            List.of(partitions), T0, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now))));
    }

    private void after(Duration d) {
        now += d.toMillis();
        signal(new WorkerLiveness.Tick());
    }

    @Test
    void aWorkerWhosePartitionsAllWentToANewerGenerationAndWhoSaysNothingIsDead() {
        announce("a", "a1", 1, 0, 1, 2, 3);
        announce("b", "b1", 1, 4, 5, 6, 7);

        // b died: the group rebalanced without it and a now owns everything
        announce("a", "a1", 2, 0, 1, 2, 3, 4, 5, 6, 7);
        after(Duration.ofSeconds(1));
        assertThat(verdicts).as("still within the confirmation delay").isEmpty();
        after(Duration.ofMillis(1500));

        assertThat(verdicts).singleElement().satisfies(d -> {
            assertThat(d.workerId()).isEqualTo("b");
            assertThat(d.incarnation()).isEqualTo("b1");
            assertThat(d.host()).isEqualTo("host-b");
            assertThat(d.reason()).contains("went to other workers", "generation 2");
        });
        assertThat(tombstones).extracting(DeadWorker::workerId).containsExactly("b");
        assertThat(workers.get("a").isDead()).isFalse();
    }

    @Test
    void partitionsTakenByTwoSurvivorsEmptyTheDeadOneBetweenThem() {
        announce("a", "a1", 1, 0, 1);
        announce("b", "b1", 1, 2, 3);
        announce("c", "c1", 1, 4, 5);

        announce("a", "a1", 2, 0, 1, 4);
        after(Duration.ofSeconds(5));
        assertThat(verdicts).as("c still owns 5").isEmpty();
        announce("b", "b1", 2, 2, 3, 5);
        after(Duration.ofSeconds(3));

        assertThat(verdicts).extracting(DeadWorker::workerId).containsExactly("c");
    }

    @Test
    void aLiveWorkerLeftWithNoPartitionAnnouncesItselfAndStaysAlive() {
        announce("a", "a1", 1, 0, 1);
        announce("b", "b1", 1, 2, 3);

        // more workers than partitions: a rebalance leaves b with none, and b says so itself
        announce("a", "a1", 2, 0, 1, 2, 3);
        announce("b", "b1", 2);
        after(Duration.ofSeconds(10));

        assertThat(verdicts).isEmpty();
        assertThat(workers.get("b").partitions()).isEmpty();
    }

    @Test
    void anOlderGenerationArrivingLateTakesNothingFromANewerOne() {
        announce("a", "a1", 3, 0, 1, 2, 3);
        announce("b", "b1", 2, 2, 3, 4, 5);
        announce("b", "b1", 3, 4, 5);

        after(Duration.ofSeconds(10));

        assertThat(verdicts).isEmpty();
        assertThat(workers.get("a").partitions()).containsExactly(0, 1, 2, 3);
        assertThat(workers.get("b").partitions()).containsExactly(4, 5);
    }

    @Test
    void heartbeatsKeepAWorkerAliveAndSilenceKillsIt() {
        announce("a", "a1", 1, 0, 1, 2, 3);
        for (int i = 0; i < 10; i++) {
            after(Duration.ofSeconds(5));
            announce("a", "a1", 1, 0, 1, 2, 3); // a heartbeat repeats the last assignment
        }
        assertThat(verdicts).isEmpty();

        after(Duration.ofSeconds(29));
        assertThat(verdicts).isEmpty();
        after(Duration.ofSeconds(1));

        assertThat(verdicts).singleElement().extracting(DeadWorker::reason).asString()
            .contains("no heartbeat for 30 s");
        assertThat(tombstones).hasSize(1);
    }

    @Test
    void aWorkerThatRestartsUnderTheSameIdEndsItsFormerIncarnationAtOnce() {
        announce("a", "a1", 1, 0, 1, 2, 3);

        announce("a", "a2", 4, 0, 1, 2, 3);

        assertThat(verdicts).singleElement().satisfies(d -> {
            assertThat(d.incarnation()).isEqualTo("a1");
            assertThat(d.reason()).contains("started again");
        });
        assertThat(tombstones).as("the id's record now belongs to the new incarnation").isEmpty();
        assertThat(workers.get("a").incarnation()).isEqualTo("a2");
    }

    @Test
    void lateRecordsOfADeadIncarnationDoNotBringItBack() {
        announce("a", "a1", 1, 0, 1);
        announce("b", "b1", 1, 2, 3);
        announce("a", "a1", 2, 0, 1, 2, 3);
        after(Duration.ofSeconds(3));
        assertThat(verdicts).hasSize(1);

        announce("b", "b1", 1, 2, 3); // the dead worker's last heartbeat, delayed
        after(Duration.ofSeconds(40));

        assertThat(verdicts).as("declared once; a's heartbeats stopped too, so a follows").extracting(DeadWorker::workerId)
            .containsExactly("b", "a");
    }

    @Test
    void aCleanStopIsAVerdictWithoutTombstoneSoThatWhatItCouldNotReportRunsAgain() {
        announce("a", "a1", 1, 0, 1);

        signal(new WorkerLiveness.Removed("a", "a1"));

        assertThat(verdicts).singleElement().extracting(DeadWorker::reason).isEqualTo("it stopped");
        assertThat(tombstones).isEmpty();
    }

    @Test
    void aRemovalNamingAnotherIncarnationIsIgnored() {
        announce("a", "a2", 1, 0, 1);

        signal(new WorkerLiveness.Removed("a", "a1"));

        assertThat(verdicts).isEmpty();
    }

    @Test
    void workersOfDifferentGroupsNeverOverlap() {
        announce("a", "a1", "gpu", 5, 0, 1);
        announce("b", "b1", "cpu", 6, 0, 1);
        after(Duration.ofSeconds(5));

        assertThat(verdicts).isEmpty();
    }

    @Test
    void anOlderIncarnationsLateRecordDoesNotEndTheNewerOne() {
        signal(new WorkerLiveness.Announced(new WorkerInstance("a", "a2", "h", null, 1, List.of(0), T0.plusSeconds(60),
            T0, T0)));
        signal(new WorkerLiveness.Announced(new WorkerInstance("a", "a1", "h", null, 7, List.of(0), T0, T0, T0)));

        assertThat(verdicts).isEmpty();
        assertThat(workers.get("a").incarnation()).isEqualTo("a2");
    }

    @Test
    void deadIncarnationsAreForgottenAfterTheMemory() {
        announce("a", "a1", 1, 0, 1);
        signal(new WorkerLiveness.Removed("a", "a1"));
        after(Duration.ofMinutes(59));
        assertThat(workers).containsKey("a");

        after(Duration.ofMinutes(2));

        assertThat(workers).doesNotContainKey("a");
    }
}
