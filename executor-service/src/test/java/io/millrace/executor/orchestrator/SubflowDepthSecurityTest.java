package io.millrace.executor.orchestrator;

import io.millrace.executor.local.FlowHarness;
import io.millrace.model.Flow;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRunStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static org.assertj.core.api.Assertions.assertThat;

/** A flow that calls itself stops at {@code millrace.executor.max-subflow-depth} instead of running forever. */
class SubflowDepthSecurityTest extends HarnessTest {

    @Test
    void aSelfCallingFlowFailsAtTheDefaultDepthLimitAfterStartingThatManyChildren() {
        Execution root = run("subflow-recursive");
        harness.awaitQuiet();

        List<Execution> all = harness.executions(NS, "subflow-recursive");
        // the root (depth 0) and one child per level down to the limit
        assertThat(all).hasSize(Orchestrator.DEFAULT_MAX_SUBFLOW_DEPTH + 1);
        assertThat(all).extracting(Execution::status).containsOnly(FAILED);
        assertThat(all).extracting(e -> e.header().subflowDepth())
            .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(0, 10).boxed().toList());
        assertThat(root.status()).isEqualTo(FAILED);

        Execution deepest = all.stream().filter(e -> e.header().subflowDepth() == 10).findFirst().orElseThrow();
        String error = deepest.taskRun("again").error();
        assertThat(deepest.taskRun("again").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(deepest.taskRun("again").plan()).doesNotContainKey("executionId");
        assertThat(error)
            .contains("subflow depth limit reached")
            .contains("depth 11, deeper than the limit of 10 (millrace.executor.max-subflow-depth)")
            .contains("root execution " + root.id())
            .contains("millrace.tests/subflow-recursive (execution " + deepest.id() + ", depth 10)")
            .contains("no execution was started");
        assertThat(messages(deepest)).contains(error);
        // every level above learns that its child failed
        assertThat(root.taskRun("again").error()).contains("ended in FAILED");
    }

    @Test
    void aConfiguredLimitIsHonouredForChildrenThatAreNotWaitedFor() {
        try (FlowHarness shallow = FlowHarness.builder().virtualTime(START).maxSubflowDepth(2).build()) {
            for (Flow f : TestFlows.all()) {
                shallow.deploy(f);
            }
            Execution root = shallow.run(NS, "subflow-recursive-detached", Map.of());
            shallow.awaitQuiet();

            List<Execution> all = shallow.executions(NS, "subflow-recursive-detached");
            assertThat(all).hasSize(3);
            assertThat(root.status()).isEqualTo(ExecutionStatus.SUCCESS);
            Execution deepest = all.stream().filter(e -> e.header().subflowDepth() == 2).findFirst().orElseThrow();
            assertThat(deepest.status()).isEqualTo(FAILED);
            assertThat(deepest.taskRun("again").error()).contains("deeper than the limit of 2");
        }
    }

    @Test
    void aLimitOfZeroForbidsSubflows() {
        try (FlowHarness none = FlowHarness.builder().virtualTime(START).maxSubflowDepth(0).build()) {
            for (Flow f : TestFlows.all()) {
                none.deploy(f);
            }
            Execution parent = none.run(NS, "subflow-parent", Map.of());

            assertThat(parent.status()).isEqualTo(FAILED);
            assertThat(parent.taskRun("call").error()).contains("deeper than the limit of 0");
            assertThat(none.executions(NS, "subflow-child")).isEmpty();
        }
    }
}
