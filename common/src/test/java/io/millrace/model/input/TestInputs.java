package io.millrace.model.input;

import org.assertj.core.api.ListAssert;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Declares inputs the way users do, in YAML, and runs them through {@link InputValues}. */
final class TestInputs {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private TestInputs() {
    }

    /** One input declaration, e.g. {@code "{id: count, type: INT, min: 1}"}. */
    static Input input(String yaml) {
        return YAML.readValue(yaml, Input.class);
    }

    /** A list of input declarations in YAML. */
    static List<Input> inputs(String yaml) {
        return YAML.readValue(yaml, new TypeReference<List<Input>>() { });
    }

    /** Resolves with a renderer that fails: these inputs hold no template. */
    static Map<String, Object> resolve(List<Input> declared, Map<String, ?> raw) {
        return InputValues.resolve(declared, raw, template -> {
            throw new AssertionError("unexpected template " + template);
        });
    }

    /** The typed value of one input given one raw value. */
    static Object convert(String declarationYaml, Object raw) {
        Input input = input(declarationYaml);
        return resolve(List.of(input), Map.of(input.id(), raw)).get(input.id());
    }

    /** The messages of the problems raised when resolving; asserts each problem's id appears in its message. */
    static ListAssert<String> problems(List<Input> declared, Map<String, ?> raw, UnaryOperator<String> renderDefault) {
        InputException e = catchThrowableOfType(InputException.class,
            () -> InputValues.resolve(declared, raw, renderDefault));
        assertThat(e).as("an InputException").isNotNull();
        e.problems().forEach(p -> assertThat(p.message()).contains("'" + p.inputId() + "'"));
        return assertThat(e.problems().stream().map(InputProblem::message).toList());
    }

    static ListAssert<String> problems(List<Input> declared, Map<String, ?> raw) {
        return problems(declared, raw, template -> {
            throw new AssertionError("unexpected template " + template);
        });
    }

    /** The messages of the problems raised when one input is given one raw value. */
    static ListAssert<String> problems(String declarationYaml, Object raw) {
        Input input = input(declarationYaml);
        return problems(List.of(input), Map.of(input.id(), raw));
    }
}
