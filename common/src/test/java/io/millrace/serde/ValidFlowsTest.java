package io.millrace.serde;

import io.millrace.model.Flow;
import io.millrace.model.Label;
import io.millrace.model.input.Input;
import io.millrace.model.input.InputType;
import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import io.millrace.tasks.Task;
import io.millrace.tasks.flow.Dag;
import io.millrace.tasks.flow.Switch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The flows under {@code flows/valid} parse with no problem and bind to what they say. */
class ValidFlowsTest {

    private final FlowParser parser = new FlowParser();

    static List<Path> validFlows() {
        return TestFlows.files("valid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFlows")
    void parsesWithoutProblems(Path file) {
        String yaml = TestFlows.read(file);

        ParseResult result = parser.validate(yaml);

        assertThat(result.problems()).isEmpty();
        assertThat(result.flow()).isNotNull();
        assertThat(result.flow().source()).isEqualTo(yaml);
    }

    @Test
    void validFlowsUseEveryTypeOfTheCatalogue() {
        Set<Class<?>> used = new HashSet<>();
        for (Path file : validFlows()) {
            Flow flow = parser.parse(TestFlows.read(file));
            flow.allTasks().forEach(t -> used.add(t.getClass()));
            flow.triggers().forEach(t -> {
                used.add(t.getClass());
                t.conditions().forEach(c -> {
                    used.add(c.getClass());
                    if (c instanceof io.millrace.model.condition.MultipleCondition m) {
                        m.conditions().values().forEach(inner -> used.add(inner.getClass()));
                    }
                    if (c instanceof io.millrace.model.condition.NotCondition n) {
                        n.conditions().forEach(inner -> used.add(inner.getClass()));
                    }
                    if (c instanceof io.millrace.model.condition.OrCondition o) {
                        o.conditions().forEach(inner -> used.add(inner.getClass()));
                    }
                });
            });
        }
        List<String> missing = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            for (PluginDescriptor d : Catalogue.get().all(kind)) {
                if (!used.contains(d.type())) {
                    missing.add(d.id());
                }
            }
        }
        assertThat(missing).as("types no flow under flows/valid uses; add one").isEmpty();
    }

    @Test
    void nestedTasksOfEveryFlowableAreBound() {
        Flow flow = parser.parse(TestFlows.read("valid", "flowable-tasks.yaml"));

        assertThat(flow.task("left")).isNotNull();
        assertThat(flow.parentOf("left").id()).isEqualTo("fan-out");
        assertThat(flow.parentOf("parse-json").id()).isEqualTo("route");
        assertThat(flow.parentOf("load").id()).isEqualTo("graph");
        assertThat(((Dag) flow.task("graph")).dagTasks().get(2).dependsOn()).containsExactly("extract", "transform");
        assertThat(flow.task("route")).isInstanceOf(Switch.class);
        assertThat(flow.allTasks()).extracting(Task::id).doesNotHaveDuplicates().hasSize(32);
    }

    @Test
    void labelsWrittenAsAMapOrAsAListGiveTheSameLabels() {
        Flow map = parser.parse(TestFlows.read("valid", "labels-map.yaml"));
        Flow list = parser.parse(TestFlows.read("valid", "labels-list.yaml"));

        assertThat(map.labels()).containsExactly(new Label("team", "data"), new Label("system.readOnly", "true"),
            new Label("cost-center", "42"));
        assertThat(list.labels()).containsExactly(new Label("team", "data"), new Label("env", "prod"));
    }

    @Test
    void inputsOfEveryTypeAreBound() {
        Flow flow = parser.parse(TestFlows.read("valid", "inputs.yaml"));

        assertThat(flow.inputs()).extracting(Input::effectiveType).containsAll(List.of(InputType.values()));
        assertThat(flow.inputs()).extracting(Input::id).contains("older-name");
        assertThat(flow.inputs().getLast().effectiveType()).isEqualTo(InputType.STRING);
    }

    @Test
    void kestraNamesBindToTheMillraceTypes() {
        Flow flow = parser.parse(TestFlows.read("valid", "kestra-aliases.yaml"));

        assertThat(flow.task("old-log")).isInstanceOf(io.millrace.tasks.log.Log.class);
        assertThat(flow.task("old-log").type()).isEqualTo("io.kestra.core.tasks.log.Log");
        assertThat(flow.task("old-flow")).isInstanceOf(io.millrace.tasks.flow.Subflow.class);
        assertThat(flow.triggers().getFirst()).isInstanceOf(io.millrace.model.trigger.Schedule.class);
        assertThat(flow.triggers().get(3).conditions()).extracting(c -> (Object) c.getClass()).containsExactly(
            io.millrace.model.condition.DayWeekInMonthCondition.class, io.millrace.model.condition.NotCondition.class,
            io.millrace.model.condition.OrCondition.class);
        assertThat(flow.triggers().getLast()).isInstanceOf(io.millrace.model.trigger.ScheduleOnDates.class);
    }

    @Test
    void aliasesCopyTheAnchoredValue() {
        Flow flow = parser.parse(TestFlows.read("valid", "anchors.yaml"));

        assertThat(flow.task("second").retry()).isEqualTo(flow.task("first").retry());
        assertThat(flow.task("second").retry().maxAttempt()).isEqualTo(3);
    }
}
