package io.millrace.model.execution;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor's working copy: indexes, counters, the change journal and its rollback. */
class ExecutionStateTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    private static ExecutionHeader header() {
        return new ExecutionHeader("e", "ns", "f", 1, State.of(ExecutionStatus.RUNNING, T), Map.of(), List.of(), null,
            null, null, null, 1, null, null, 0);
    }

    private static TaskRun run(String id, String parent, String task, String value, int seq) {
        return TaskRun.created(id, "e", "ns", "f", task, parent, value, null, seq, T);
    }

    @Test
    void indexesChildrenByTaskAndValueAndCountsThem() {
        ExecutionState s = new ExecutionState(header());
        s.begin();
        s.put(run("p", null, "loop", null, 0).to(TaskRunStatus.RUNNING, T));
        s.put(run("a", "p", "work", "x", 1).to(TaskRunStatus.RUNNING, T));
        s.put(run("b", "p", "work", "y", 2).to(TaskRunStatus.RUNNING, T).to(TaskRunStatus.FAILED, T));
        s.put(run("c", "p", "more", "x", 3).to(TaskRunStatus.RUNNING, T).to(TaskRunStatus.SUCCESS, T));
        s.commit();

        assertThat(s.child("p", "work", "y", null).id()).isEqualTo("b");
        assertThat(s.child("p", "work", "z", null)).isNull();
        assertThat(s.children("p")).extracting(TaskRun::id).containsExactly("a", "b", "c");
        assertThat(s.children(null)).extracting(TaskRun::id).containsExactly("p");
        assertThat(s.runsOfTask("work")).extracting(TaskRun::id).containsExactly("a", "b");
        ChildrenSummary sum = s.summary("p");
        assertThat(sum.size()).isEqualTo(3);
        assertThat(sum.running()).isEqualTo(1);
        assertThat(sum.activeValues()).isEqualTo(1);
        assertThat(sum.values()).containsExactly("x", "y");
        assertThat(sum.valueCount()).isEqualTo(2);
        assertThat(sum.anyFailure()).isTrue();
        assertThat(sum.worstEnd()).isEqualTo(TaskRunStatus.FAILED);
    }

    @Test
    void replacingARunKeepsItsPlaceAndMovesTheCounters() {
        ExecutionState s = new ExecutionState(header());
        s.begin();
        s.put(run("a", null, "one", "v", 0).to(TaskRunStatus.RUNNING, T));
        s.put(run("b", null, "two", "w", 1).to(TaskRunStatus.RUNNING, T));
        s.commit();

        s.begin();
        s.put(s.taskRun("a").to(TaskRunStatus.SUCCESS, T));
        ExecutionState.Changes changes = s.commit();

        assertThat(changes.taskRuns()).extracting(TaskRun::id).containsExactly("a");
        assertThat(changes.header()).isNull();
        assertThat(s.children(null)).extracting(TaskRun::id).containsExactly("a", "b");
        assertThat(s.summary(null).values()).containsExactly("v", "w");
        assertThat(s.summary(null).running()).isEqualTo(1);
        assertThat(s.summary(null).count(TaskRunStatus.SUCCESS)).isEqualTo(1);
    }

    @Test
    void aRunCannotMoveToAnotherPlace() {
        ExecutionState s = new ExecutionState(header());
        s.begin();
        s.put(run("a", null, "one", null, 0));

        assertThatThrownBy(() -> s.put(run("a", "elsewhere", "one", null, 0)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rollbackRestoresEverythingTheChangeTouched() {
        ExecutionState s = new ExecutionState(header());
        s.begin();
        s.put(run("a", null, "one", null, 0).to(TaskRunStatus.RUNNING, T));
        s.put(run("b", null, "two", null, 1).to(TaskRunStatus.RUNNING, T));
        s.commit();
        List<TaskRun> before = s.taskRuns();

        s.begin();
        s.setHeader(s.header().to(ExecutionStatus.KILLING, T));
        s.put(s.taskRun("a").to(TaskRunStatus.KILLED, T));
        s.remove("b");
        s.put(run("c", null, "three", null, 2));
        s.rollback();

        assertThat(s.taskRuns()).isEqualTo(before);
        assertThat(s.header().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(s.child(null, "two", null, null).id()).isEqualTo("b");
        assertThat(s.child(null, "three", null, null)).isNull();
        assertThat(s.summary(null).running()).isEqualTo(2);
    }

    @Test
    void aNewExecutionReportsItsHeaderAndRunsAsChanged() {
        ExecutionState s = ExecutionState.newExecution(header());
        s.put(run("a", null, "one", null, 0));

        ExecutionState.Changes c = s.commit();

        assertThat(c.header()).isEqualTo(header());
        assertThat(c.taskRuns()).extracting(TaskRun::id).containsExactly("a");
    }

    @Test
    void removalsAreReported() {
        ExecutionState s = ExecutionState.of(header(), List.of(run("b", null, "two", null, 1), run("a", null, "one", null, 0)));
        assertThat(s.taskRuns()).extracting(TaskRun::id).containsExactly("a", "b");

        s.begin();
        s.remove("a");
        ExecutionState.Changes c = s.commit();

        assertThat(c.removedTaskRunIds()).containsExactly("a");
        assertThat(s.children(null)).extracting(TaskRun::id).containsExactly("b");
    }

    @Test
    void changesOutsideAJournalAreRefused() {
        ExecutionState s = new ExecutionState(header());

        assertThatThrownBy(() -> s.put(run("a", null, "one", null, 0))).isInstanceOf(IllegalStateException.class);
    }
}
