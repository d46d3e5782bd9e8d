package io.millrace.serde;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each file under {@code flows/invalid} shows one kind of mistake and lists, in {@code # expect:}
 * comments at its end, every problem the parser must report, in order, with line and column.
 */
class InvalidFlowsTest {

    private static final String EXPECT = "# expect: ";
    private final FlowParser parser = new FlowParser();

    static List<Path> invalidFlows() {
        return TestFlows.files("invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFlows")
    void reportsEveryProblemWithItsPosition(Path file) {
        String yaml = TestFlows.read(file);
        List<String> expected = yaml.lines().filter(l -> l.startsWith(EXPECT)).map(l -> l.substring(EXPECT.length())).toList();

        ParseResult result = parser.validate(yaml);

        assertThat(expected).as("a file under flows/invalid lists its expected problems").isNotEmpty();
        assertThat(result.flow()).isNull();
        assertThat(result.problems()).extracting(FlowProblem::toString).containsExactlyElementsOf(expected);
    }
}
