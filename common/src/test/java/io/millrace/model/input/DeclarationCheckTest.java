package io.millrace.model.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.millrace.model.input.TestInputs.input;
import static org.assertj.core.api.Assertions.assertThat;

class DeclarationCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{id: name}",
        "{id: nested.string_1-a, type: STRING, validator: '^a+$', defaults: aaa}",
        "{id: 1st, type: INT, min: 1, max: 10, defaults: 5}",
        "{id: ratio, type: FLOAT, min: 0.5, max: 0.5}",
        "{id: timeout, type: DURATION, min: PT1M, max: PT1H, defaults: PT5M}",
        "{id: day, type: DATE, after: '2024-01-01', before: '2024-12-31', defaults: '2024-06-01'}",
        "{id: at, type: TIME, after: '08:00', before: '18:00'}",
        "{id: when, type: DATETIME, after: '2024-01-01T00:00:00Z'}",
        "{id: env, type: SELECT, values: [dev, prod], defaults: prod, allowCustomValue: false}",
        "{id: envs, type: MULTISELECT, options: [dev, prod], defaults: [dev]}",
        "{id: ports, type: ARRAY, itemType: INT, min: 1, defaults: '[80]'}",
        "{id: names, type: ARRAY, itemType: STRING, validator: '[a-z]+'}",
        "{id: data, type: FILE, allowedFileExtensions: [csv]}",
        "{id: day, type: DATE, defaults: \"{{ now() | date('yyyy-MM-dd') }}\"}",
        "{id: count, type: INT, defaults: ''}",
    })
    void acceptsSoundDeclarations(String yaml) {
        assertThat(InputValues.checkDeclaration(input(yaml))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT", "ENUM", "MULTISELECT"})
    void requiresValuesForChoices(String type) {
        assertThat(InputValues.checkDeclaration(input("{id: env, type: " + type + "}")))
            .containsExactly("input 'env': type " + type + " needs a non-empty list of values");
        assertThat(InputValues.checkDeclaration(input("{id: env, type: " + type + ", values: []}")))
            .containsExactly("input 'env': type " + type + " needs a non-empty list of values");
    }

    @Test
    void refusesNestedChoices() {
        assertThat(InputValues.checkDeclaration(input("{id: env, type: SELECT, values: [dev, [a, b]]}")))
            .containsExactly("input 'env': value '[\"a\",\"b\"]' is not a single text, number or boolean");
    }

    @Test
    void requiresASupportedItemTypeForArrays() {
        assertThat(InputValues.checkDeclaration(input("{id: xs, type: ARRAY}")))
            .containsExactly("input 'xs': type ARRAY needs an itemType");
        assertThat(InputValues.checkDeclaration(input("{id: xs, type: ARRAY, itemType: FILE}")))
            .singleElement().asString().startsWith("input 'xs': itemType FILE is not supported (use one of [STRING, INT");
    }

    @Test
    void refusesAValidatorThatIsNotARegularExpression() {
        assertThat(InputValues.checkDeclaration(input("{id: user, type: STRING, validator: '[a-z'}")))
            .singleElement().asString()
            .startsWith("input 'user': the validator '[a-z' is not a valid regular expression (Unclosed character class)");
    }

    @Test
    void refusesAMinAboveTheMax() {
        assertThat(InputValues.checkDeclaration(input("{id: n, type: INT, min: 10, max: 5}")))
            .containsExactly("input 'n': min 10 is greater than max 5");
        assertThat(InputValues.checkDeclaration(input("{id: n, type: FLOAT, min: 1.5, max: '1.25'}")))
            .containsExactly("input 'n': min 1.5 is greater than max 1.25");
        assertThat(InputValues.checkDeclaration(input("{id: t, type: DURATION, min: PT2H, max: PT1H}")))
            .containsExactly("input 't': min PT2H is greater than max PT1H");
        assertThat(InputValues.checkDeclaration(input("{id: ns, type: ARRAY, itemType: INT, min: 3, max: 2}")))
            .containsExactly("input 'ns': min 3 is greater than max 2");
    }

    @Test
    void refusesBoundsThatLeaveNoValue() {
        assertThat(InputValues.checkDeclaration(input("{id: d, type: DATE, after: '2024-02-01', before: '2024-02-01'}")))
            .containsExactly("input 'd': after 2024-02-01 is not earlier than before 2024-02-01, so no value can be given");
    }

    @Test
    void refusesBoundsOfTheWrongType() {
        assertThat(InputValues.checkDeclaration(input("{id: n, type: INT, min: ten}")))
            .containsExactly("input 'n': min 'ten' is not a number");
        assertThat(InputValues.checkDeclaration(input("{id: t, type: DURATION, max: 5m}")))
            .containsExactly("input 't': max '5m' is not a duration (expected ISO-8601, e.g. PT5M)");
        assertThat(InputValues.checkDeclaration(input("{id: d, type: DATE, after: '01/02/2024'}")))
            .containsExactly("input 'd': after '01/02/2024' is not a date (expected yyyy-MM-dd)");
    }

    @Test
    void refusesADefaultThatDoesNotConvert() {
        assertThat(InputValues.checkDeclaration(input("{id: n, type: INT, defaults: many}")))
            .containsExactly("input 'n' (default): 'many' is not an integer");
        assertThat(InputValues.checkDeclaration(input("{id: n, type: INT, max: 3, defaults: 4}")))
            .containsExactly("input 'n' (default): '4' is greater than the maximum 3");
        assertThat(InputValues.checkDeclaration(input("{id: env, type: SELECT, values: [dev], defaults: prod}")))
            .containsExactly("input 'env' (default): 'prod' is not one of [dev]");
    }

    @Test
    void refusesConstraintsThatDoNotApplyToTheType() {
        assertThat(InputValues.checkDeclaration(input(
            "{id: n, type: INT, validator: '\\d+', after: '2024-01-01', values: [1], itemType: INT, allowedFileExtensions: [csv]}")))
            .containsExactly(
                "input 'n': 'validator' does not apply to type INT",
                "input 'n': 'after' does not apply to type INT",
                "input 'n': 'values' does not apply to type INT",
                "input 'n': 'itemType' does not apply to type INT",
                "input 'n': 'allowedFileExtensions' does not apply to type INT");
        assertThat(InputValues.checkDeclaration(input("{id: s, type: STRING, min: 1, allowCustomValue: true}")))
            .containsExactly(
                "input 's': 'min' does not apply to type STRING",
                "input 's': 'allowCustomValue' does not apply to type STRING");
        assertThat(InputValues.checkDeclaration(input("{id: xs, type: ARRAY, itemType: INT, validator: x}")))
            .containsExactly("input 'xs': 'validator' does not apply to type ARRAY of INT");
    }

    @Test
    void refusesAnEmptyFileExtension() {
        assertThat(InputValues.checkDeclaration(input("{id: f, type: FILE, allowedFileExtensions: [csv, '']}")))
            .containsExactly("input 'f': allowedFileExtensions contains an empty extension");
    }
}
