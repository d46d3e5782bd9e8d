package io.millrace.model.input;

import io.millrace.model.FlowOutput;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.millrace.model.input.TestInputs.convert;
import static io.millrace.model.input.TestInputs.problems;
import static org.assertj.core.api.Assertions.assertThat;

class ArrayInputsTest {

    @Test
    void convertsEachItemOfAList() {
        assertThat(convert("{id: ports, type: ARRAY, itemType: INT}", List.of("80", 443)))
            .isEqualTo(List.of(80L, 443L));
    }

    @Test
    void acceptsAJsonArrayAsText() {
        assertThat(convert("{id: ports, type: ARRAY, itemType: INT}", "[80, \"443\"]"))
            .isEqualTo(List.of(80L, 443L));
        assertThat(convert("{id: days, type: ARRAY, itemType: DATE}", "[\"2024-01-01\"]"))
            .isEqualTo(List.of("2024-01-01"));
    }

    @Test
    void acceptsAnEmptyArray() {
        assertThat(convert("{id: ports, type: ARRAY, itemType: INT}", "[]")).isEqualTo(List.of());
    }

    @Test
    void normalisesItems() {
        assertThat(convert("{id: at, type: ARRAY, itemType: DATETIME}", List.of("2024-01-01T12:00:00+02:00")))
            .isEqualTo(List.of("2024-01-01T10:00:00Z"));
    }

    @Test
    void refusesTextThatIsNotAJsonArray() {
        problems("{id: ports, type: ARRAY, itemType: INT}", "80, 443")
            .containsExactly("input 'ports': '80, 443' is not an array (expected a list, or JSON such as [\"a\", \"b\"])");
        problems("{id: ports, type: ARRAY, itemType: INT}", Map.of("a", 1))
            .containsExactly("input 'ports': an object is not an array (expected a list, or JSON such as [\"a\", \"b\"])");
    }

    @Test
    void reportsEveryBadItemByItsPositionFromOne() {
        problems("{id: ports, type: ARRAY, itemType: INT}", Arrays.asList("80", "http", null, 1.5))
            .containsExactly(
                "input 'ports': item 2: 'http' is not an integer",
                "input 'ports': item 3 is empty",
                "input 'ports': item 4: '1.5' is not an integer");
    }

    @Test
    void appliesTheItemTypeConstraintsToEachItem() {
        problems("{id: ports, type: ARRAY, itemType: INT, min: 1, max: 65535}", List.of(0, 80, 70000))
            .containsExactly(
                "input 'ports': item 1: '0' is less than the minimum 1",
                "input 'ports': item 3: '70000' is greater than the maximum 65535");
        problems("{id: names, type: ARRAY, itemType: STRING, validator: '[a-z]+'}", List.of("ok", "Not"))
            .containsExactly("input 'names': item 2: 'Not' does not match the validator '[a-z]+'");
    }

    @Test
    void keepsItemsAsGivenWithoutAnItemType() {
        // Only a flow output can lack an itemType: a flow declaring such an input is refused at parse time.
        assertThat(InputValues.typeOutput(new FlowOutput("xs", InputType.ARRAY, null, null, null),
            "[1, \"a\"]")).isEqualTo(List.of(1, "a"));
    }
}
