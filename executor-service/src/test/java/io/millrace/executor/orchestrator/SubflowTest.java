package io.millrace.executor.orchestrator;

import io.millrace.model.Label;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/** Subflow: child creation, waiting, outputs, labels, transmitFailed, wait: false, missing flows. */
class SubflowTest extends HarnessTest {

    @Test
    void aSubflowWaitsForItsChildAndExposesItsOutputs() {
        Execution parent = run("subflow-parent");

        assertThat(parent.status()).isEqualTo(SUCCESS);
        Map<String, Object> out = parent.taskRun("call").outputs();
        assertThat(out).containsEntry("shout", "HELLO SUBFLOW-PARENT").containsEntry("state", "SUCCESS");
        assertThat(parent.taskRun("use").outputs())
            .containsEntry("value", "HELLO SUBFLOW-PARENT / HELLO SUBFLOW-PARENT / SUCCESS");

        Execution child = harness.execution((String) out.get("executionId"));
        assertThat(child.status()).isEqualTo(SUCCESS);
        assertThat(child.header().outputs()).containsEntry("greeting", "hello subflow-parent");
        assertThat(child.header().labels()).extracting(Label::key)
            .contains("childLabel", "parentLabel", "fromTask", Label.CORRELATION_ID);
        assertThat(child.header().label(Label.CORRELATION_ID)).isEqualTo(parent.id());
        assertThat(child.header().label("fromTask")).isEqualTo("call");
        assertThat(child.header().trigger().type()).isEqualTo("io.millrace.core.flow.Subflow");
        assertThat(child.header().trigger().variables()).containsEntry("executionId", parent.id());
    }

    @Test
    void aFailedChildFailsTheSubflowTask() {
        Execution parent = run("subflow-parent", Map.of("fail", true));

        assertThat(parent.status()).isEqualTo(FAILED);
        assertThat(parent.taskRun("call").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(parent.taskRun("call").error()).contains("ended in FAILED");
        assertThat(parent.taskRuns("use")).isEmpty();
    }

    @Test
    void subflowOptionsAreHonoured() {
        Execution e = run("subflow-variants");

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRun("fire-and-forget").status()).isEqualTo(TaskRunStatus.SUCCESS);
        String detached = (String) e.taskRun("fire-and-forget").outputs().get("executionId");
        assertThat(harness.await(detached).status()).isEqualTo(SUCCESS);
        assertThat(e.taskRun("tolerate").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(e.taskRun("tolerate").outputs()).containsEntry("state", "FAILED");
        assertThat(e.taskRun("missing").status()).isEqualTo(TaskRunStatus.WARNING);
        String missingChild = (String) e.taskRun("missing").plan().get("executionId");
        assertThat(messages(harness.execution(missingChild))).anyMatch(m -> m.contains("does-not-exist does not exist"));
        assertThat(e.taskRun("missing").error())
            .isEqualTo("subflow execution " + missingChild + " failed: flow millrace.tests/does-not-exist does not exist");
        assertThat(messages(e)).contains(e.taskRun("missing").error());
        assertThat(e.taskRun("bad-outputs").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRun("bad-outputs").error()).contains("cannot be rendered");
    }

    @Test
    void aSubflowNamingARevisionThatDoesNotExistFailsWhateverTransmitFailedSaysAndErrorsRun() {
        Execution e = run("subflow-missing");

        assertThat(e.status()).isEqualTo(FAILED);
        TaskRun call = e.taskRun("no-such-revision");
        String child = (String) call.plan().get("executionId");
        assertThat(call.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(call.error()).isEqualTo("subflow execution " + child
            + " failed: flow millrace.tests/subflow-child revision 99 does not exist");
        assertThat(messages(e)).contains(call.error());
        assertThat(e.taskRuns("never")).isEmpty();
        assertThat(e.taskRun("handled").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(harness.execution(child).status()).isEqualTo(FAILED);
    }

    @Test
    void theChildIsCreatedOnceEvenIfItsCreationIsSentTwice() {
        Execution parent = run("subflow-parent");
        String childId = (String) parent.taskRun("call").outputs().get("executionId");

        List<Execution> children = harness.executions(NS, "subflow-child");
        assertThat(children).extracting(Execution::id).containsExactly(childId);
    }
}
