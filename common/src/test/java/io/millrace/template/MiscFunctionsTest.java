package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MiscFunctionsTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void uuidIsARandomUuid() {
        String first = t.render("{{ uuid() }}");

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(t.render("{{ uuid() }}")).isNotEqualTo(first);
    }

    @Test
    void randomIntStaysWithinLowerIncludedUpperExcluded() {
        String rolls = t.render("{% for i in range(1, 200) %}{{ randomInt(1, 3) }}{% endfor %}");

        assertThat(rolls).matches("[12]+").contains("1").contains("2");
        assertThat(t.render("{{ randomInt(5, 6) }}")).isEqualTo("5");
        assertThat(t.error("{{ randomInt(3, 3) }}")).startsWith("randomInt(): lower (3) must be less than upper (3)");
    }

    @Test
    void errorLogsListsTheFailedTaskRuns() {
        Map<String, Object> log = Map.of("taskId", "t1", "taskRunId", "tr1", "level", "ERROR", "message", "boom",
            "timestamp", "2024-03-15T10:00:00Z");
        Map<String, Object> vars = TemplateFixture.with(ErrorLogsFunction.VARIABLE, List.of(log));

        assertThat(t.render("{% for e in errorLogs() %}{{ e.taskId }}: {{ e.message }}{% endfor %}", vars))
            .isEqualTo("t1: boom");
        assertThat(t.render("{{ errorLogs() | length }}", vars)).isEqualTo("1");
    }

    @Test
    void errorLogsIsEmptyWithoutErrors() {
        assertThat(t.render("{{ errorLogs() }}")).isEqualTo("[]");
    }

    @Test
    void errorLogsReadsTheVariableTheRuntimeFills() {
        assertThat(ErrorLogsFunction.VARIABLE).isEqualTo(io.millrace.runtime.Variables.ERROR_LOGS)
            .isEqualTo(TemplateEngine.ERROR_LOGS_VARIABLE);
    }
}
