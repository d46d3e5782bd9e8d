package io.millrace.model.input;

import io.millrace.model.FlowOutput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FlowOutputTypingTest {

    private static FlowOutput output(String id, InputType type) {
        return new FlowOutput(id, type, "{{ outputs.task.value }}", null, null);
    }

    @Test
    void convertsRenderedTextToTheDeclaredType() {
        assertThat(InputValues.typeOutput(output("total", InputType.INT), "42")).isEqualTo(42L);
        assertThat(InputValues.typeOutput(output("ratio", InputType.FLOAT), "0.5")).isEqualTo(0.5d);
        assertThat(InputValues.typeOutput(output("ok", InputType.BOOLEAN), "TRUE")).isEqualTo(true);
        assertThat(InputValues.typeOutput(output("at", InputType.DATETIME), "2024-01-01T11:00:00+01:00"))
            .isEqualTo("2024-01-01T10:00:00Z");
        assertThat(InputValues.typeOutput(output("report", InputType.JSON), "{\"rows\": 3}")).isEqualTo(Map.of("rows", 3));
        assertThat(InputValues.typeOutput(output("ids", InputType.ARRAY), List.of(1, 2))).isEqualTo(List.of(1, 2));
        assertThat(InputValues.typeOutput(output("file", InputType.FILE), "millrace:///ns/flow/out.csv"))
            .isEqualTo("millrace:///ns/flow/out.csv");
    }

    @Test
    void acceptsAnyTextForSelectLikeOutputsWhichDeclareNoValues() {
        assertThat(InputValues.typeOutput(output("env", InputType.SELECT), "prod")).isEqualTo("prod");
        assertThat(InputValues.typeOutput(output("envs", InputType.MULTISELECT), "[\"dev\", \"qa\"]"))
            .isEqualTo(List.of("dev", "qa"));
    }

    @Test
    void keepsTheValueOfAnUntypedOutput() {
        Object value = Map.of("a", 1);
        assertThat(InputValues.typeOutput(output("raw", null), value)).isSameAs(value);
    }

    @Test
    void reportsABadValueNamingTheOutput() {
        InputException e = catchThrowableOfType(InputException.class,
            () -> InputValues.typeOutput(output("total", InputType.INT), "forty-two"));
        assertThat(e.problems()).containsExactly(new InputProblem("total", "output 'total': 'forty-two' is not an integer"));
    }

    @Test
    void anEmptyOptionalOutputIsNull() {
        assertThat(InputValues.typeOutput(output("total", InputType.INT), "")).isNull();
        assertThat(InputValues.typeOutput(output("total", InputType.INT), null)).isNull();
    }

    @Test
    void anEmptyRequiredOutputIsReported() {
        FlowOutput required = new FlowOutput("total", InputType.INT, "{{ x }}", null, true);
        InputException e = catchThrowableOfType(InputException.class, () -> InputValues.typeOutput(required, " "));
        assertThat(e.problems()).containsExactly(new InputProblem("total", "output 'total' is required but has no value"));
    }
}
