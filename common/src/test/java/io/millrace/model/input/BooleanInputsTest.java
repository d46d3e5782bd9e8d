package io.millrace.model.input;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.millrace.model.input.TestInputs.convert;
import static io.millrace.model.input.TestInputs.problems;
import static org.assertj.core.api.Assertions.assertThat;

class BooleanInputsTest {

    @ParameterizedTest
    @CsvSource({"BOOLEAN, true, true", "BOOLEAN, FALSE, false", "BOOL, True, true", "BOOL, ' false ', false"})
    void acceptsTrueAndFalseInAnyCase(String type, String text, boolean expected) {
        assertThat(convert("{id: dry, type: " + type + "}", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BOOLEAN", "BOOL"})
    void acceptsTypedBooleans(String type) {
        assertThat(convert("{id: dry, type: " + type + "}", Boolean.TRUE)).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "truthy"})
    void refusesAnythingElse(String text) {
        problems("{id: dry, type: BOOL}", text)
            .containsExactly("input 'dry': '" + text + "' is not a boolean (expected true or false)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void refusesNumbers(int number) {
        problems("{id: dry, type: BOOLEAN}", number)
            .containsExactly("input 'dry': '" + number + "' is not a boolean (expected true or false)");
    }
}
