package io.millrace.executor.orchestrator;

import io.millrace.model.LogLevel;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.util.Ids;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/** Inputs, flow outputs, runIf and disabled tasks, logs and secrets, scheduled starts. */
class ExecutionBasicsTest extends HarnessTest {

    @Test
    void inputsAreTypedAndDefaulted() {
        Execution e = run("inputs", Map.of("count", "41"));

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.header().inputs()).containsEntry("count", 41L).containsEntry("when", "2024-01-31");
        assertThat(e.taskRun("show").outputs()).containsEntry("value", "42 2024-01-31");
    }

    @Test
    void badInputsFailTheExecutionNamingTheInput() {
        Execution missing = run("inputs", Map.of());
        Execution wrong = run("inputs", Map.of("count", "forty"));

        assertThat(missing.status()).isEqualTo(FAILED);
        assertThat(missing.taskRuns()).isEmpty();
        assertThat(messages(missing)).anyMatch(m -> m.contains("'count'"));
        assertThat(wrong.status()).isEqualTo(FAILED);
        assertThat(messages(wrong)).anyMatch(m -> m.contains("'count'") && m.contains("forty"));
    }

    @Test
    void anUnknownFlowFailsTheExecution() {
        Execution e = harness.run(NS, "no-such-flow", Map.of());

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(messages(e)).containsExactly("flow millrace.tests/no-such-flow does not exist");
    }

    @Test
    void flowOutputsAreRenderedAndTypedAtTheEnd() {
        Execution ok = run("outputs");
        Execution broken = run("outputs", Map.of("broken", "true"));

        assertThat(ok.status()).isEqualTo(SUCCESS);
        assertThat(ok.header().outputs()).containsEntry("answer", 42L).containsEntry("whole", "{\"value\":\"42\"}");
        assertThat(broken.status()).isEqualTo(FAILED);
        assertThat(broken.header().outputs()).isNull();
        assertThat(messages(broken)).anyMatch(m -> m.startsWith("flow outputs cannot be rendered"));
    }

    @Test
    void runIfSkipsOrFailsAndDisabledTasksGetNoRun() {
        Execution e = run("run-if");

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly("values", "runs", "skipped", "broken-condition");
        assertThat(e.taskRun("runs").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(e.taskRun("skipped").status()).isEqualTo(TaskRunStatus.SKIPPED);
        assertThat(e.taskRun("skipped").attempts()).isEmpty();
        assertThat(e.taskRun("broken-condition").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRun("broken-condition").error()).startsWith("runIf cannot be rendered");
    }

    @Test
    void logsHonourLevelsAndNeverShowSecrets() {
        Execution e = run("logs");

        assertThat(e.status()).isEqualTo(SUCCESS);
        List<LogEntry> logs = harness.logs(e.id());
        assertThat(logs).filteredOn(l -> "list".equals(l.taskId())).extracting(LogEntry::message, LogEntry::level)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("first list", LogLevel.DEBUG),
                org.assertj.core.groups.Tuple.tuple("second io.kestra.plugin.core.log.Log", LogLevel.DEBUG));
        assertThat(logs).filteredOn(l -> "filtered".equals(l.taskId())).isEmpty();
        assertThat(logs).filteredOn(l -> "echo".equals(l.taskId())).extracting(LogEntry::level).containsExactly(LogLevel.WARN);
        assertThat(messages(e)).contains("token=******").noneMatch(m -> m.contains("s3cr3t-value"));
    }

    @Test
    void aScheduledExecutionStartsAtItsDate() {
        String id = Ids.random();
        harness.send(new CreateExecution(id, NS, "scheduled", null, Map.of(), List.of(), null,
            START.plusSeconds(3600), null, null, 1));
        Execution e = harness.await(id);

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.header().state().histories().get(1).date()).isAfterOrEqualTo(START.plusSeconds(3600));
        assertThat(e.taskRun("only").outputs()).containsEntry("value", START.plusSeconds(3600).toString());
    }

    @Test
    void theKestraExecutionShapeIsProduced() {
        Execution e = run("sequential-nested");

        Map<String, Object> json = e.toApiJson();
        assertThat(json).containsKeys("id", "namespace", "flowId", "flowRevision", "state", "taskRunList", "labels");
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) json.get("state");
        assertThat(state).containsEntry("current", "SUCCESS").containsKeys("histories", "startDate", "endDate", "duration");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) json.get("taskRunList");
        assertThat(runs).hasSize(7).allSatisfy(r -> assertThat(r).containsKeys("id", "taskId", "state").doesNotContainKey("plan"));
    }
}
