package io.millrace.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StrictVariablesTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void anUndefinedVariableIsAnErrorNamingItTheExpressionAndTheLine() {
        assertThat(t.error("ok\n{{ input.name }}"))
            .isEqualTo("variable 'input' is not defined, in '{{ input.name }}' at line 2");
    }

    @Test
    void anUndefinedAttributeIsAnErrorNamingIt() {
        assertThat(t.error("{{ inputs.name }} {{ outputs.t1.missing }}"))
            .isEqualTo("'missing' is not defined, in '{{ outputs.t1.missing }}' at line 1");
    }

    @Test
    void readingIntoANullValueIsAnError() {
        assertThat(t.error("{{ outputs.t1.nothing.deeper }}"))
            .isEqualTo("cannot read 'deeper' of a null value, in '{{ outputs.t1.nothing.deeper }}' at line 1");
    }

    @Test
    void anUndefinedConditionNamesTheVariableNotAnOperandType() {
        assertThat(t.error("{% if outputs.t1.nope == 'x' %}yes{% endif %}"))
            .isEqualTo("'nope' is not defined, in '{% if outputs.t1.nope == 'x' %}' at line 1");
    }

    @Test
    void anAttributeSetToNullPrintsNothing() {
        assertThat(t.render("[{{ outputs.t1.nothing }}]")).isEqualTo("[]");
    }

    @Test
    void isDefinedWorksOnUndefinedVariablesAndAttributes() {
        assertThat(t.render("{{ inputs.crash is defined }} {{ nothing is defined }} {{ inputs.name is defined }}"))
            .isEqualTo("false false true");
        assertThat(t.render("{{ inputs.crash is not defined }} {{ inputs.name is not defined }}"))
            .isEqualTo("true false");
        assertThat(t.render("{% if inputs.crash is defined and inputs.crash %}crash{% else %}fine{% endif %}"))
            .isEqualTo("fine");
    }

    @Test
    void isNullWorksOnUndefinedValues() {
        assertThat(t.render("{{ inputs.crash is null }} {{ outputs.t1.nothing is null }} {{ inputs.name is null }}"))
            .isEqualTo("true true false");
        assertThat(t.render("{{ inputs.crash is not null }} {{ inputs.name is not null }}")).isEqualTo("false true");
    }

    @Test
    void defaultWorksOnUndefinedValues() {
        assertThat(t.render("{{ inputs.crash | default('none') }} {{ inputs.name | default('none') }}"))
            .isEqualTo("none World");
    }

    @Test
    void listsAreIndexedAndAMissingIndexIsUndefined() {
        assertThat(t.render("{{ outputs.numbers.values[1] }} {{ outputs.numbers.values[7] is defined }}"))
            .isEqualTo("2 false");
        assertThat(t.error("{{ outputs.numbers.values[7] }}")).startsWith("'7' is not defined");
    }

    @Test
    void loopVariablesAreVisible() {
        assertThat(t.render("{% for n in outputs.numbers.values %}{{ loop.index }}:{{ n }} {% endfor %}"))
            .isEqualTo("0:1 1:2 2:3 ");
        assertThat(t.render("{% for n in [7, 8] %}"
            + "{{ loop.first }}/{{ loop.last }}/{{ loop.length }}/{{ loop.revindex }} {% endfor %}"))
            .isEqualTo("true/false/2/1 false/true/2/0 ");
        assertThat(t.error("{% for n in [7] %}{{ loop.parent }}{% endfor %}")).startsWith("'parent' is not defined");
    }
}
