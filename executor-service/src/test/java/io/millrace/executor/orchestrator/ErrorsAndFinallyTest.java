package io.millrace.executor.orchestrator;

import io.millrace.model.execution.Execution;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import org.junit.jupiter.api.Test;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static org.assertj.core.api.Assertions.assertThat;

/** Local and flow-level errors and finally branches. */
class ErrorsAndFinallyTest extends HarnessTest {

    @Test
    void aFailureRunsLocalThenGlobalErrorsAndEveryFinally() {
        Execution e = run("errors-global-and-local");

        assertThat(e.status()).isEqualTo(FAILED);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly(
            "block", "ok", "boom", "local-handler", "local-finally", "global-handler", "global-finally");
        assertThat(e.taskRuns("never")).isEmpty();
        assertThat(e.taskRuns("not-reached")).isEmpty();
        assertThat(e.taskRun("block").status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(e.taskRun("boom").error()).isEqualTo("boom in boom");
        assertThat(messages(e)).contains("local: 1 error(s)", "- task: boom, message: boom in boom");
    }
}
