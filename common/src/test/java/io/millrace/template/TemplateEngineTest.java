package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class TemplateEngineTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void textWithoutTemplateSyntaxIsReturnedAsIs() {
        assertThat(t.engine.render("plain } text {", Map.of())).isEqualTo("plain } text {");
        assertThat(t.engine.render(null, Map.of())).isNull();
    }

    @Test
    void recognisesTemplateSyntax() {
        assertThat(TemplateEngine.isTemplate("a {{ b }}")).isTrue();
        assertThat(TemplateEngine.isTemplate("{% if x %}{% endif %}")).isTrue();
        assertThat(TemplateEngine.isTemplate("{# note #}")).isTrue();
        assertThat(TemplateEngine.isTemplate("{ not: a template }")).isFalse();
        assertThat(TemplateEngine.isTemplate(null)).isFalse();
    }

    @Test
    void rendersVariables() {
        assertThat(t.render("Hello {{ inputs.name }} from {{ flow.namespace }}.{{ flow.id }}"))
            .isEqualTo("Hello World from company.team.hello");
    }

    @Test
    void keepsTheNewlineAfterATagSoScriptsKeepTheirLines() {
        assertThat(t.render("echo {{ inputs.name }}\necho done\n{% if true %}\nyes\n{% endif %}\n"))
            .isEqualTo("echo World\necho done\n\nyes\n\n");
    }

    @Test
    void variablesSetByTheTemplateDoNotLeakIntoTheCallersMap() {
        Map<String, Object> vars = new HashMap<>(TemplateFixture.variables());
        assertThat(t.render("{% set inputs = 'replaced' %}{{ inputs }}", vars)).isEqualTo("replaced");
        assertThat(vars.get("inputs")).isInstanceOf(Map.class);
        assertThat(vars).doesNotContainKey(RenderSession.VARIABLE);
    }

    @Test
    void nullVariablesAreNoVariables() {
        assertThat(t.engine.render("{{ 1 + 1 }}", null)).isEqualTo("2");
    }

    @Test
    void checkAcceptsAValidTemplateWithoutItsVariables() {
        assertThatCode(() -> t.engine.check("{{ outputs.unknown.value | upper }} {% for x in y %}{{ x }}{% endfor %}"))
            .doesNotThrowAnyException();
        assertThatCode(() -> t.engine.check("plain text")).doesNotThrowAnyException();
    }

    @Test
    void checkReportsASyntaxErrorWithItsLine() {
        String message = t.checkError("line one\n{{ inputs.name | }}");

        assertThat(message).startsWith("syntax error: ").contains("at line 2").contains("{{ inputs.name | }}");
    }

    @Test
    void checkReportsAnUnclosedTag() {
        assertThat(t.checkError("{% if inputs.enabled %}yes")).startsWith("syntax error: ");
    }

    @Test
    void checkReportsUnknownFunctionsFiltersAndTests() {
        assertThat(t.checkError("{{ outputs | josn }}"))
            .startsWith("syntax error: unknown filter 'josn'").endsWith("at line 1");
        assertThat(t.checkError("{{ secrets('X') }}")).startsWith("syntax error: unknown function 'secrets'");
        assertThat(t.checkError("{{ x is jsn }}")).startsWith("syntax error: unknown test 'jsn'");
    }

    @Test
    void aMacroDefinedInTheTemplateIsAKnownFunction() {
        assertThat(t.render("{% macro greet(n) %}hi {{ n }}{% endmacro %}{{ greet(inputs.name) }}"))
            .isEqualTo("hi World");
    }

    @Test
    void aCoreFilterGivenTheWrongTypeFailsAsATemplateError() {
        assertThat(t.error("{{ [1, 'a'] | sort }}"))
            .isEqualTo("a value has the wrong type for an operation of the template");
    }

    @Test
    void errorMessagesNameNoJavaInternals() {
        for (String template : new String[] {"{{ outputs.t1.missing }}", "{{ inputs.name.getClass() }}", "{{ template }}"}) {
            assertThat(t.error(template))
                .doesNotContain("Exception").doesNotContain("java.").doesNotContain("io.pebbletemplates").doesNotContain("\tat ");
        }
    }
}
