package io.millrace.model.input;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.millrace.model.input.TestInputs.convert;
import static io.millrace.model.input.TestInputs.problems;
import static org.assertj.core.api.Assertions.assertThat;

class StructuredInputsTest {

    @Test
    void parsesJsonText() {
        assertThat(convert("{id: config, type: JSON}", "{\"name\": \"kestra\", \"tags\": [1, 2]}"))
            .isEqualTo(Map.of("name", "kestra", "tags", List.of(1, 2)));
        assertThat(convert("{id: config, type: JSON}", "[1, \"a\"]")).isEqualTo(List.of(1, "a"));
        assertThat(convert("{id: config, type: JSON}", "42")).isEqualTo(42);
    }

    @Test
    void keepsAStructuredValue() {
        Map<String, Object> given = Map.of("a", List.of(1, 2));
        assertThat(convert("{id: config, type: JSON}", given)).isEqualTo(given);
        assertThat(convert("{id: config, type: YAML}", List.of("x"))).isEqualTo(List.of("x"));
        assertThat(convert("{id: config, type: JSON}", 7)).isEqualTo(7);
    }

    @Test
    void refusesInvalidJsonWithItsPosition() {
        problems("{id: config, type: JSON}", "{\"a\": 1,")
            .singleElement().asString()
            .startsWith("input 'config': '{\"a\": 1,' is not valid JSON (line 1");
        problems("{id: config, type: JSON}", "hello")
            .singleElement().asString()
            .startsWith("input 'config': 'hello' is not valid JSON");
    }

    @Test
    void parsesYamlText() {
        assertThat(convert("{id: config, type: YAML}", "name: kestra\ntags:\n  - a\n  - b\n"))
            .isEqualTo(Map.of("name", "kestra", "tags", List.of("a", "b")));
        assertThat(convert("{id: config, type: YAML}", "just text")).isEqualTo("just text");
    }

    @Test
    void refusesInvalidYaml() {
        problems("{id: config, type: YAML}", "a: [1, 2")
            .singleElement().asString()
            .startsWith("input 'config': 'a: [1, 2' is not valid YAML");
    }

    @Test
    void shortensLongValuesInMessages() {
        String longText = "{" + "x".repeat(500);
        problems("{id: config, type: JSON}", longText)
            .singleElement().asString()
            .contains("'{" + "x".repeat(56) + "...'")
            .hasSizeLessThan(200);
    }
}
