package io.millrace.runtime;

import io.millrace.model.execution.TaskRun;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The ids of a task run in the logging context while a thread works for it, and gone after. */
class TaskLogContextTest {

    @Test
    void theIdsAreThereWhileOpenAndGoneAfterOtherKeysKept() {
        MDC.put("request", "r1");
        TaskRun run = TaskRun.created("tr1", "e1", "company.team", "hello", "say", null, null, null, 0, Instant.now());
        try (TaskLogContext ignored = TaskLogContext.open(run)) {
            assertThat(MDC.getCopyOfContextMap()).containsEntry("namespace", "company.team")
                .containsEntry("flowId", "hello").containsEntry("executionId", "e1").containsEntry("taskId", "say")
                .containsEntry("taskRunId", "tr1").containsKey("attempt");
        }
        assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("request");
        MDC.clear();
    }
}
