package io.millrace.model.input;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.millrace.model.input.TestInputs.convert;
import static io.millrace.model.input.TestInputs.problems;
import static org.assertj.core.api.Assertions.assertThat;

class ChoiceInputsTest {

    @Nested
    class Selects {

        @ParameterizedTest
        @ValueSource(strings = {"SELECT", "ENUM"})
        void acceptsADeclaredValue(String type) {
            assertThat(convert("{id: env, type: " + type + ", values: [dev, prod]}", "prod")).isEqualTo("prod");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT", "ENUM"})
        void refusesAnUndeclaredValue(String type) {
            problems("{id: env, type: " + type + ", values: [dev, prod]}", "prd")
                .containsExactly("input 'env': 'prd' is not one of [dev, prod]");
        }

        @Test
        void comparesValuesAsText() {
            String declaration = "{id: size, type: SELECT, values: [1, 2, 3]}";
            assertThat(convert(declaration, "2")).isEqualTo("2");
            assertThat(convert(declaration, 3)).isEqualTo("3");
        }

        @Test
        void isCaseSensitive() {
            problems("{id: env, type: SELECT, values: [dev, prod]}", "PROD")
                .containsExactly("input 'env': 'PROD' is not one of [dev, prod]");
        }

        @Test
        void acceptsAnyTextWhenCustomValuesAreAllowed() {
            assertThat(convert("{id: env, type: SELECT, values: [dev, prod], allowCustomValue: true}", "staging"))
                .isEqualTo("staging");
        }

        @Test
        void refusesAList() {
            problems("{id: env, type: SELECT, values: [dev, prod]}", List.of("dev"))
                .containsExactly("input 'env': a list is not a single value");
        }
    }

    @Nested
    class MultiSelects {

        private static final String DECLARATION = "{id: envs, type: MULTISELECT, values: [dev, qa, prod]}";

        @Test
        void acceptsAList() {
            assertThat(convert(DECLARATION, List.of("dev", "prod"))).isEqualTo(List.of("dev", "prod"));
        }

        @Test
        void acceptsAJsonArrayAsText() {
            assertThat(convert(DECLARATION, "[\"qa\", \"prod\"]")).isEqualTo(List.of("qa", "prod"));
        }

        @Test
        void acceptsOnePlainValue() {
            assertThat(convert(DECLARATION, "qa")).isEqualTo(List.of("qa"));
        }

        @Test
        void acceptsTheOlderOptionsProperty() {
            assertThat(convert("{id: envs, type: MULTISELECT, options: [a, b]}", List.of("b"))).isEqualTo(List.of("b"));
        }

        @Test
        void reportsEveryUndeclaredValue() {
            problems(DECLARATION, List.of("dev", "uat", "live"))
                .containsExactly("input 'envs': 'uat' is not one of [dev, qa, prod]",
                    "input 'envs': 'live' is not one of [dev, qa, prod]");
        }

        @Test
        void refusesABrokenJsonArray() {
            problems(DECLARATION, "[\"dev\",").containsExactly("input 'envs': '[\"dev\",' is not a JSON array");
        }

        @Test
        void refusesNestedValues() {
            problems(DECLARATION, List.of(Map.of("a", 1)))
                .containsExactly("input 'envs': an object is not a single value");
        }

        @Test
        void acceptsCustomValuesWhenAllowed() {
            assertThat(convert("{id: tags, type: MULTISELECT, values: [a], allowCustomValue: true}", "[\"a\", \"z\"]"))
                .isEqualTo(List.of("a", "z"));
        }
    }
}
