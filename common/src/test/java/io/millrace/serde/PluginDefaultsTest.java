package io.millrace.serde;

import io.millrace.model.Flow;
import io.millrace.model.condition.ExecutionStatusCondition;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.tasks.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** pluginDefaults and taskDefaults reach tasks, triggers and conditions before they are checked. */
class PluginDefaultsTest {

    private final FlowParser parser = new FlowParser();

    @Test
    void aDefaultWrittenWithTheKestraNameFillsATaskWrittenWithTheMillraceId() {
        Flow flow = parser.parse(TestFlows.read("valid", "plugin-defaults.yaml"));

        assertThat(props(flow.task("millrace-log"))).containsEntry("message", "from the default").containsEntry("level", "ERROR");
    }

    @Test
    void aDefaultWrittenWithTheMillraceIdFillsATaskWrittenWithAKestraName() {
        Flow flow = parser.parse(TestFlows.read("valid", "plugin-defaults.yaml"));

        assertThat(props(flow.task("kestra-return"))).containsEntry("format", "returned by default");
        assertThat(props(flow.task("inner-log"))).containsEntry("message", "from the default");
    }

    @Test
    void nonForcedValuesNeverReplaceWhatTheTaskSets() {
        Flow flow = parser.parse(TestFlows.read("valid", "plugin-defaults.yaml"));

        assertThat(props(flow.task("own-message"))).containsEntry("message", "my own").containsEntry("level", "DEBUG");
    }

    @Test
    void forcedValuesOfAPrefixReplaceWhatTheTasksOfThePackageSet() {
        Flow flow = parser.parse(TestFlows.read("valid", "plugin-defaults.yaml"));

        assertThat(flow.task("group").description()).isEqualTo("forced on every flowable");
        assertThat(flow.task("group").timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(flow.task("millrace-log").timeout()).isNull();
    }

    @Test
    void defaultsReachConditions() {
        Flow flow = parser.parse(TestFlows.read("valid", "plugin-defaults.yaml"));

        ExecutionStatusCondition condition = (ExecutionStatusCondition) flow.triggers().getFirst().conditions().getFirst();
        assertThat(condition.in()).containsExactly(ExecutionStatus.SUCCESS);
    }

    @Test
    void theOlderTaskDefaultsWorkTheSame() {
        Flow flow = parser.parse(TestFlows.read("valid", "task-defaults.yaml"));

        assertThat(props(flow.task("t1"))).containsEntry("message", "default for {{ task.id }}").containsEntry("level", "WARN");
        assertThat(props(flow.task("t2"))).containsEntry("message", "mine").containsEntry("level", "WARN");
    }

    @Test
    void theSourceKeepsTheFlowAsWrittenWithoutTheDefaults() {
        String yaml = TestFlows.read("valid", "task-defaults.yaml");

        Flow flow = parser.parse(yaml);

        assertThat(flow.source()).isEqualTo(yaml);
        assertThat(flow.pluginDefaults()).hasSize(2);
    }

    @Test
    void aWrongDefaultIsReportedWhereTheDefaultIsWritten() {
        String yaml = """
            id: f
            namespace: n
            pluginDefaults:
              - type: io.millrace.core.log.Log
                values:
                  level: LOUD
            tasks:
              - id: a
                type: io.millrace.core.log.Log
                message: a
              - id: b
                type: io.millrace.core.log.Log
                message: b
            """;

        List<FlowProblem> problems = parser.validate(yaml).problems();

        assertThat(problems).extracting(FlowProblem::toString)
            .containsExactly("6:14: tasks[0].level: 'LOUD' is not one of TRACE, DEBUG, INFO, WARN, ERROR");
    }

    /** A task's properties as bound (most task types keep them private). */
    private static Map<String, Object> props(Task task) {
        return Json.toMap(task);
    }
}
