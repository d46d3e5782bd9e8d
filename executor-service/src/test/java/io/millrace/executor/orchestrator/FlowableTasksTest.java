package io.millrace.executor.orchestrator;

import io.millrace.model.execution.Execution;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static io.millrace.model.execution.ExecutionStatus.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

/** Sequential, Parallel, ForEach (and its older forms), If, Switch, Dag, AllowFailure and WaitFor, end to end. */
class FlowableTasksTest extends HarnessTest {

    @Test
    void nestedSequentialsRunInOrderAndShareOutputs() {
        Execution e = run("sequential-nested");

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId)
            .containsExactly("outer", "a", "inner", "b", "deepest", "c", "after");
        assertThat(e.taskRun("c").outputs()).containsEntry("value", "abc");
        assertThat(messages(e)).contains("done with abc");
        assertThat(e.taskRun("inner").parentTaskRunId()).isEqualTo(e.taskRun("outer").id());
    }

    @Test
    void parallelRespectsItsConcurrencyLimit() {
        Execution e = run("parallel-limit");

        assertThat(e.status()).isEqualTo(SUCCESS);
        List<TaskRun> children = e.taskRuns().stream().filter(r -> r.taskId().startsWith("p")).toList();
        assertThat(children).hasSize(4);
        assertThat(maxOverlap(children)).isEqualTo(2);
        assertThat(e.taskRun("after").state().startDate())
            .isAfterOrEqualTo(children.stream().map(r -> r.state().endDate()).max(Comparator.naturalOrder()).orElseThrow());
    }

    @Test
    void aFailureInAParallelStopsTheRestAndRunsItsErrors() {
        Execution e = run("parallel-failure");

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRuns(("second"))).isEmpty();
        assertThat(e.taskRun("fan-error").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(e.taskRun("fan").status()).isEqualTo(TaskRunStatus.FAILED);
    }

    @Test
    void forEachRunsOneGroupPerDistinctValueAndNestsOutputsByValue() {
        Execution e = run("foreach");

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRuns("seq")).extracting(TaskRun::value).containsExactly("a", "b", "c");
        assertThat(e.taskRun("second", "b").outputs()).containsEntry("value", "b12 parent=b");
        assertThat(e.taskRun("summary").outputs()).containsEntry("value", "b12 parent=b|a,b,c");
        assertThat(maxOverlap(e.taskRuns("seq"))).isEqualTo(2);
    }

    @Test
    void nestedLoopsExposeParentsAndNestedOutputs() {
        Execution e = run("foreach-nested");

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRuns("leaf")).hasSize(4);
        assertThat(e.taskRuns("leaf")).extracting(r -> r.outputs().get("value"))
            .containsExactlyInAnyOrder("x-1", "x-2", "y-1", "y-2");
        assertThat(e.taskRun("read").outputs()).containsEntry("value", "y-2");
    }

    @Test
    void aFailingIterationStopsTheLoopAndRunsItsErrors() {
        Execution e = run("foreach-failure");

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRuns("check")).extracting(TaskRun::value).containsExactly("1", "2");
        assertThat(e.taskRun("each-error").outputs()).containsEntry("value", "failed at Task failure");
    }

    @Test
    void eachParallelRunsEveryTaskOfAValueSideBySide() {
        Execution e = run("each-parallel");

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRuns()).extracting(r -> r.outputs() == null ? null : r.outputs().get("value"))
            .contains("L1", "R1", "L2", "R2");
        TaskRun l2 = e.taskRuns("left").get(1);
        TaskRun r1 = e.taskRuns("right").getFirst();
        // concurrent: 1 value at a time, so the second value starts after the first ended
        assertThat(l2.state().startDate()).isAfterOrEqualTo(r1.state().endDate());
    }

    @Test
    void anEmptyLoopSucceedsWithoutChildren() {
        Execution e = run("foreach-empty");

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly("each", "end");
    }

    @Test
    void ifAndSwitchTakeTheBranchTheirValueSelects() {
        Execution yes = run("if-switch", Map.of("flag", "true", "kind", "json"));
        Execution no = run("if-switch", Map.of("flag", "0"));

        assertThat(yes.status()).isEqualTo(SUCCESS);
        assertThat(yes.taskRuns()).extracting(TaskRun::taskId).containsExactly("check", "yes", "route", "json");
        assertThat(yes.taskRun("route").outputs()).containsEntry("value", "json").containsEntry("defaults", false);
        assertThat(yes.taskRun("json").outputs()).containsEntry("value", "case json");
        assertThat(yes.taskRun("json").value()).isEqualTo("json");
        assertThat(no.taskRuns()).extracting(TaskRun::taskId).containsExactly("check", "no", "route", "unknown");
        assertThat(no.taskRun("unknown").outputs()).containsEntry("value", "unknown other");
    }

    @Test
    void dagRunsTasksWhenTheirDependenciesSucceeded() {
        Execution e = run("dag");

        assertThat(e.status()).isEqualTo(SUCCESS);
        TaskRun extract = e.taskRun("extract");
        TaskRun clean = e.taskRun("clean");
        TaskRun enrich = e.taskRun("enrich");
        TaskRun load = e.taskRun("load");
        assertThat(clean.state().startDate()).isAfterOrEqualTo(extract.state().endDate());
        assertThat(enrich.state().startDate()).isAfterOrEqualTo(extract.state().endDate());
        assertThat(load.outputs()).containsEntry("value", "load clean extract enrich");
    }

    @Test
    void aFailedDependencyStopsItsDependents() {
        Execution e = run("dag-failure");

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRuns("load")).isEmpty();
        assertThat(e.taskRun("extract").status()).isEqualTo(TaskRunStatus.FAILED);
    }

    @Test
    void toleratedFailuresEndInWarning() {
        Execution e = run("allow-failure");

        assertThat(e.status()).isEqualTo(WARNING);
        assertThat(e.taskRun("tolerant").status()).isEqualTo(TaskRunStatus.WARNING);
        assertThat(e.taskRun("breaks").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRun("noted").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(e.taskRun("runnable-allowed").status()).isEqualTo(TaskRunStatus.WARNING);
        assertThat(e.taskRun("warned").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(e.taskRun("last").status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void waitForRepeatsWhileTheConditionHoldsAnIntervalApart() {
        Execution e = run("waitfor");

        assertThat(e.status()).isEqualTo(SUCCESS);
        List<TaskRun> counts = e.taskRuns("count");
        assertThat(counts).extracting(TaskRun::iteration).containsExactly(0, 1, 2, 3);
        assertThat(e.taskRun("result").outputs()).containsEntry("value", "4 after 3");
        Instant first = counts.get(0).state().endDate();
        Instant second = counts.get(1).state().startDate();
        assertThat(java.time.Duration.between(first, second)).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void waitForCanFailWhenItsMaximumIsReached() {
        Execution e = run("waitfor-max");

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRuns("tick")).hasSize(3);
        assertThat(e.taskRun("poll").error()).contains("maximum");
    }

    /** Largest number of task runs running at the same moment. */
    static int maxOverlap(List<TaskRun> runs) {
        int max = 0;
        for (TaskRun r : runs) {
            Instant t = r.state().lastDateOf(TaskRunStatus.RUNNING);
            int n = 0;
            for (TaskRun o : runs) {
                Instant s = o.state().lastDateOf(TaskRunStatus.RUNNING);
                Instant end = o.state().endDate();
                if (!s.isAfter(t) && (end == null || end.isAfter(t))) {
                    n++;
                }
            }
            max = Math.max(max, n);
        }
        return max;
    }
}
