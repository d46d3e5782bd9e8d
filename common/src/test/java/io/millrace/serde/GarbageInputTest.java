package io.millrace.serde;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever text comes in, validation answers with problems; nothing escapes. */
class GarbageInputTest {

    private final FlowParser parser = new FlowParser();

    static List<String> garbage() {
        List<String> inputs = new ArrayList<>(List.of(
            "", "   \n\n", "# only a comment\n", "~", "null", "42", "just a sentence", "- a\n- b\n",
            "[1, 2, 3]", "{", "}", "id: [", "id: 'unterminated", "\t\tid: x", "id: x\n  bad: indent\n",
            "---\n---\n", "? complex key\n: value\n", "id: !!binary aGVsbG8=\n", "id: !custom x\n",
            "&a [*a]", "*undefined", "id: x\nid: y\n", "tasks:\n  - - - -\n", "tasks: {{ }}",
            "\u0000\u0001\u0002\u0003", "\uFEFFid: bom\n", "id: \"\\uZZZZ\"\n", "[".repeat(5000), "a:\n".repeat(3000)));
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[200];
            random.nextBytes(bytes);
            inputs.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        return inputs;
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void validateAnswersWithProblemsAndPositions(String input) {
        ParseResult result = parser.validate(input);

        assertThat(result.flow()).isNull();
        assertThat(result.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.column()).isPositive();
            assertThat(p.message()).isNotBlank().doesNotContain("Exception", "java.", "tools.jackson", "org.snakeyaml");
        });
    }

    @Test
    void nullIsAnEmptyFile() {
        assertThat(parser.validate(null).problems()).extracting(FlowProblem::toString)
            .containsExactly("1:1: the file is empty; a flow needs at least an id, a namespace and tasks");
    }

    @Test
    void aBillionLaughsIsStoppedBeforeItExpands() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }

        ParseResult result = parser.validate(yaml.toString());

        assertThat(result.problems()).singleElement().extracting(FlowProblem::message).asString()
            .contains("aliases expand to more than");
    }
}
