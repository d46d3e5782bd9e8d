package io.millrace.model.input;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.millrace.model.input.TestInputs.inputs;
import static io.millrace.model.input.TestInputs.problems;
import static io.millrace.model.input.TestInputs.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

class InputValuesTest {

    @Nested
    class RequiredAndOptional {

        @Test
        void aRequiredInputWithoutValueOrDefaultIsReported() {
            problems(inputs("- {id: region, type: STRING, required: true}"), Map.of())
                .containsExactly("input 'region' is required but no value was given");
        }

        @Test
        void anOptionalInputWithoutValueOrDefaultIsAbsent() {
            Map<String, Object> values = resolve(inputs("""
                - {id: region, type: STRING}
                - {id: count, type: INT, required: false}
                """), Map.of());
            assertThat(values).isEmpty();
        }

        @Test
        void aNullValueCountsAsNotGiven() {
            Map<String, Object> raw = new HashMap<>();
            raw.put("count", null);
            problems(inputs("- {id: count, type: INT, required: true}"), raw)
                .containsExactly("input 'count' is required but no value was given");
        }

        @Test
        void blankTextCountsAsNotGivenExceptForTexts() {
            Map<String, Object> values = resolve(inputs("""
                - {id: count, type: INT, defaults: 5}
                - {id: when, type: DATE}
                - {id: note, type: STRING, defaults: unused}
                """), Map.of("count", " ", "when", "", "note", ""));
            assertThat(values).containsExactly(entry("count", 5L), entry("note", ""));
        }
    }

    @Nested
    class Defaults {

        @Test
        void areUsedWhenNoValueIsGivenAndConvertedLikeValues() {
            Map<String, Object> values = resolve(inputs("""
                - {id: count, type: INT, defaults: "100", required: true}
                - {id: ratio, type: FLOAT, defaults: 1}
                - {id: ports, type: ARRAY, itemType: INT, defaults: [1, 2]}
                - {id: when, type: DATETIME, defaults: "2013-08-09T16:19:00+02:00"}
                - {id: env, type: SELECT, values: [dev, prod], defaults: dev}
                """), Map.of());
            assertThat(values).containsExactly(
                entry("count", 100L), entry("ratio", 1.0d), entry("ports", List.of(1L, 2L)),
                entry("when", "2013-08-09T14:19:00Z"), entry("env", "dev"));
        }

        @Test
        void giveWayToAGivenValue() {
            assertThat(resolve(inputs("- {id: count, type: INT, defaults: 100}"), Map.of("count", "7")))
                .containsExactly(entry("count", 7L));
        }

        @Test
        void holdingATemplateAreRenderedFirst() {
            List<String> rendered = new ArrayList<>();
            UnaryOperator<String> render = template -> {
                rendered.add(template);
                return "2024-05-01";
            };
            Map<String, Object> values = InputValues.resolve(inputs("""
                - {id: day, type: DATE, defaults: "{{ now() | date('yyyy-MM-dd') }}"}
                - {id: name, type: STRING, defaults: "plain"}
                """), Map.of(), render);
            assertThat(values).containsExactly(entry("day", "2024-05-01"), entry("name", "plain"));
            assertThat(rendered).containsExactly("{{ now() | date('yyyy-MM-dd') }}");
        }

        @Test
        void holdingATemplateAreNotRenderedWhenAValueIsGiven() {
            Map<String, Object> values = InputValues.resolve(inputs("- {id: day, type: DATE, defaults: '{{ today }}'}"),
                Map.of("day", "2024-01-02"), template -> {
                    throw new AssertionError("rendered " + template);
                });
            assertThat(values).containsExactly(entry("day", "2024-01-02"));
        }

        @Test
        void thatRenderToABadValueAreReportedAsDefaults() {
            problems(inputs("- {id: count, type: INT, defaults: '{{ vars.count }}'}"), Map.of(), template -> "lots")
                .containsExactly("input 'count' (default): 'lots' is not an integer");
        }

        @Test
        void thatCannotBeRenderedAreReportedWithoutAStackTrace() {
            problems(inputs("- {id: count, type: INT, defaults: '{{ vars.nope }}'}"), Map.of(), template -> {
                throw new IllegalStateException("variable 'vars.nope' is not defined");
            }).containsExactly("input 'count': its default '{{ vars.nope }}' could not be rendered:"
                + " variable 'vars.nope' is not defined");
        }

        @Test
        void thatRenderEmptyLeaveARequiredInputWithoutValue() {
            problems(inputs("- {id: day, type: DATE, required: true, defaults: '{{ x }}'}"), Map.of(), template -> "")
                .containsExactly("input 'day' is required but no value was given and its default is empty");
        }

        @Test
        void thatDoNotConvertAreReported() {
            problems(inputs("- {id: count, type: INT, defaults: abc}"), Map.of())
                .containsExactly("input 'count' (default): 'abc' is not an integer");
        }
    }

    @Nested
    class UndeclaredInputs {

        @Test
        void areReportedWithTheDeclaredIds() {
            problems(inputs("""
                - {id: count, type: INT}
                - {id: env, type: STRING}
                """), Map.of("cuont", "3"))
                .containsExactly("input 'cuont' is not declared by this flow (declared inputs: count, env)");
        }

        @Test
        void areReportedWhenTheFlowDeclaresNoInput() {
            problems(List.of(), Map.of("x", 1))
                .containsExactly("input 'x' is not declared by this flow (the flow declares no inputs)");
            problems((List<Input>) null, Map.of("x", 1))
                .containsExactly("input 'x' is not declared by this flow (the flow declares no inputs)");
        }
    }

    @Test
    void reportsEveryProblemAtOnceInDeclarationOrderThenUndeclaredInputs() {
        InputException e = catchThrowableOfType(InputException.class, () -> resolve(inputs("""
            - {id: count, type: INT}
            - {id: region, type: STRING, required: true}
            - {id: env, type: SELECT, values: [dev, prod]}
            - {id: ok, type: BOOL}
            """), Map.of("count", "abc", "env", "prd", "ok", "true", "zzz", 1, "aaa", 2)));

        assertThat(e.problems()).containsExactly(
            new InputProblem("count", "input 'count': 'abc' is not an integer"),
            new InputProblem("region", "input 'region' is required but no value was given"),
            new InputProblem("env", "input 'env': 'prd' is not one of [dev, prod]"),
            new InputProblem("aaa", "input 'aaa' is not declared by this flow (declared inputs: count, region, env, ok)"),
            new InputProblem("zzz", "input 'zzz' is not declared by this flow (declared inputs: count, region, env, ok)"));
        assertThat(e).hasMessageStartingWith("input 'count': 'abc' is not an integer; input 'region' is required");
    }

    @Test
    void returnsTypedValuesInDeclarationOrder() {
        Map<String, Object> values = resolve(inputs("""
            - {id: b, type: INT}
            - {id: a, type: BOOLEAN}
            - {id: c, type: JSON}
            """), Map.of("c", "{\"k\": [1]}", "a", "false", "b", 2));
        assertThat(values).containsExactly(entry("b", 2L), entry("a", false), entry("c", Map.of("k", List.of(1))));
        assertThatThrownBy(() -> values.put("d", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsTheOlderNameProperty() {
        assertThat(resolve(inputs("- {name: count, type: INT}"), Map.of("count", "1"))).containsExactly(entry("count", 1L));
    }

    @Test
    void reportsAnInputWithoutIdInsteadOfFailing() {
        InputException e = catchThrowableOfType(InputException.class,
            () -> resolve(inputs("- {type: INT}"), Map.of()));
        assertThat(e.problems()).extracting(InputProblem::message).containsExactly("an input of this flow has no id");
    }

    @Test
    void treatsMissingRawValuesAsNone() {
        assertThat(resolve(inputs("- {id: count, type: INT, defaults: 1}"), null)).containsExactly(entry("count", 1L));
    }
}
