package io.millrace.serde;

import io.millrace.model.Flow;
import io.millrace.tasks.log.Log;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The public contract of {@link FlowParser}: a flow, or every problem with its position. */
class FlowParserTest {

    private static final String MINIMAL = """
        id: hello
        namespace: company.team
        tasks:
          - id: say
            type: io.kestra.plugin.core.log.Log
            message: "Hello {{ flow.id }}"
        """;

    private final FlowParser parser = new FlowParser();

    @Test
    void parseReturnsTheTypedFlowRememberingItsSource() {
        Flow flow = parser.parse(MINIMAL);

        assertThat(flow.ref()).isEqualTo("company.team/hello");
        assertThat(flow.tasks()).singleElement().isInstanceOf(Log.class);
        assertThat(flow.task("say").type()).isEqualTo("io.kestra.plugin.core.log.Log");
        assertThat(flow.source()).isEqualTo(MINIMAL);
    }

    @Test
    void parseThrowsWithEveryProblemOneLinePerProblem() {
        String yaml = """
            id: hello
            namespace: company.team
            tasks:
              - id: say
                type: io.kestra.plugin.core.log.Log
                mesage: hi
                timeout: 5m
              - id: say
                type: io.kestra.plugin.core.flow.Sleep
            """;

        FlowValidationException e = catchThrowableOfType(FlowValidationException.class, () -> parser.parse(yaml));

        assertThat(e.problems()).containsExactly(
            new FlowProblem(4, 5, "tasks[0]", "missing required property 'message'"),
            new FlowProblem(6, 5, "tasks[0].mesage", "unknown property 'mesage' of io.kestra.plugin.core.log.Log; did you mean 'message'?"),
            new FlowProblem(7, 14, "tasks[0].timeout", "'5m' is not a duration (ISO-8601, e.g. PT5M)"),
            new FlowProblem(8, 5, "tasks[1]", "missing required property 'duration'"),
            new FlowProblem(8, 9, "tasks[1].id", "duplicate task id 'say' (first used at line 4)"));
        assertThat(e.getMessage()).isEqualTo("""
            4:5: tasks[0]: missing required property 'message'
            6:5: tasks[0].mesage: unknown property 'mesage' of io.kestra.plugin.core.log.Log; did you mean 'message'?
            7:14: tasks[0].timeout: '5m' is not a duration (ISO-8601, e.g. PT5M)
            8:5: tasks[1]: missing required property 'duration'
            8:9: tasks[1].id: duplicate task id 'say' (first used at line 4)""");
    }

    @Test
    void validateReturnsNoFlowWhenThereAreProblems() {
        ParseResult result = parser.validate("id: x\nnamespace: n\ntasks: []\n");

        assertThat(result.flow()).isNull();
        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).extracting(FlowProblem::toString)
            .containsExactly("3:8: tasks: 'tasks' needs at least one task");
    }

    @Test
    void oneBadPropertyDoesNotHideTheOthersOfTheSameTask() {
        String yaml = """
            id: hello
            namespace: company.team
            tasks:
              - id: many
                type: io.millrace.core.flow.Parallel
                concurrent: lots
                disabled: perhaps
                timeout: soon
                tasks:
                  - id: a
                    type: io.millrace.core.log.Log
                    message: a
            """;

        List<FlowProblem> problems = parser.validate(yaml).problems();

        assertThat(problems).extracting(FlowProblem::path)
            .containsExactly("tasks[0].concurrent", "tasks[0].disabled", "tasks[0].timeout");
    }

    @Test
    void aDuplicateKeyDoesNotHideTheOtherProblems() {
        String yaml = """
            id: hello
            namespace: company.team
            tasks:
              - id: a
                type: io.millrace.core.log.Log
                message: one
                message: two
                level: LOUD
            """;

        assertThat(parser.validate(yaml).problems()).extracting(FlowProblem::toString).containsExactly(
            "7:5: tasks[0].message: duplicate key 'message' (first at line 6)",
            "8:12: tasks[0].level: 'LOUD' is not one of TRACE, DEBUG, INFO, WARN, ERROR");
    }

    @Test
    void messagesNeverNameJavaClasses() {
        String yaml = """
            id: hello
            namespace: company.team
            labels: 12
            concurrency: {limit: x, behavior: [1]}
            tasks:
              - id: a
                type: io.millrace.core.trigger.Schedule
              - id: b
                type: io.millrace.core.flow.Subflow
                namespace: {a: b}
                flowId: [x]
                revision: {}
                labels: "text"
            """;

        List<FlowProblem> problems = parser.validate(yaml).problems();

        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.message())
            .doesNotContain("java.", "`", "Exception", "tools.jackson", "io.millrace.model", "Cannot deserialize"));
    }

    @Test
    void aParserIsReusable() {
        assertThat(parser.validate(MINIMAL).isValid()).isTrue();
        assertThat(parser.validate("id: x").isValid()).isFalse();
        assertThat(parser.validate(MINIMAL).isValid()).isTrue();
    }

    @Test
    void parseOfGarbageThrowsOnlyTheValidationException() {
        assertThatThrownBy(() -> parser.parse("\u0000\u0001"))
            .isInstanceOf(FlowValidationException.class)
            .hasMessage("1:1: YAML syntax error: character U+0000 is not allowed in YAML (is this a binary file?)");
    }
}
