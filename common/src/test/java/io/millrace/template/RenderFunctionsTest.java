package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RenderFunctionsTest {

    private final TemplateFixture t = new TemplateFixture();

    private static Map<String, Object> vars(Map<String, Object> vars) {
        return TemplateFixture.with("vars", vars);
    }

    @Test
    void aVariableHoldingATemplatePrintsAsTextUnlessRendered() {
        assertThat(t.render("{{ vars.greeting }}")).isEqualTo("Hello {{ inputs.name }}");
        assertThat(t.render("{{ render(vars.greeting) }}")).isEqualTo("Hello World");
    }

    @Test
    void renderGoesOnUntilNothingIsLeftToRender() {
        Map<String, Object> v = vars(Map.of("a", "[{{ vars.b }}]", "b", "({{ vars.c }})", "c", "{{ inputs.name }}"));

        assertThat(t.render("{{ render(vars.a) }}", v)).isEqualTo("[(World)]");
    }

    @Test
    void renderOnceMakesASinglePass() {
        Map<String, Object> v = vars(Map.of("a", "[{{ vars.b }}]", "b", "{{ inputs.name }}"));

        assertThat(t.render("{{ renderOnce(vars.a) }}", v)).isEqualTo("[{{ inputs.name }}]");
        assertThat(t.render("{{ render(vars.a, recursive=false) }}", v)).isEqualTo("[{{ inputs.name }}]");
    }

    @Test
    void theRenderedTextSeesLoopAndSetVariables() {
        Map<String, Object> v = vars(Map.of("line", "{{ item }}-{{ prefix }} "));

        assertThat(t.render("{% set prefix = 'p' %}{% for item in [1, 2] %}{{ render(vars.line) }}{% endfor %}", v))
            .isEqualTo("1-p 2-p ");
    }

    @Test
    void valuesOtherThanTextComeBackUnchanged() {
        assertThat(t.render("{{ render(outputs.numbers) }} [{{ render(null) }}] {{ render('no template') }}"))
            .isEqualTo("{\"values\":[1,2,3]} [] no template");
    }

    @Test
    void aFailureInTheRenderedTextSaysWhereItCameFrom() {
        Map<String, Object> v = vars(Map.of("broken", "{{ inputs.nope }}"));

        assertThat(t.error("{{ render(vars.broken) }}", v))
            .isEqualTo("render() failed on '{{ inputs.nope }}': "
                + "'nope' is not defined, in '{{ inputs.nope }}' at line 1");
    }

    @Test
    void variablesThatReferToEachOtherStopAtTheDepthLimit() {
        Map<String, Object> v = vars(Map.of("a", "{{ vars.b }}", "b", "{{ vars.a }}"));

        assertThat(t.error("{{ render(vars.a) }}", v))
            .contains("still holds templates after " + TemplateEngine.MAX_RENDER_DEPTH + " passes");
    }

    @Test
    void aTextThatRendersToItselfIsStable() {
        Map<String, Object> v = vars(Map.of("a", "{{ vars.a }}"));

        assertThat(t.render("{{ render(vars.a) }}", v)).isEqualTo("{{ vars.a }}");
    }
}
