package io.millrace.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescingOperatorsTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void nullCoalescingGivesTheRightSideForUndefinedOrNull() {
        assertThat(t.render("{{ outputs.missing.value ?? 'x' }}")).isEqualTo("x");
        assertThat(t.render("{{ nothing ?? 'x' }}")).isEqualTo("x");
        assertThat(t.render("{{ outputs.t1.nothing ?? 'x' }}")).isEqualTo("x");
        assertThat(t.render("{{ outputs.t1.nothing.deeper ?? 'x' }}")).isEqualTo("x");
        assertThat(t.render("{{ outputs.t1.value ?? 'x' }}")).isEqualTo("x");
        assertThat(t.render("{{ inputs.name ?? 'x' }}")).isEqualTo("World");
    }

    @Test
    void undefinedCoalescingKeepsANullLeftSide() {
        assertThat(t.render("{{ outputs.missing.value ??? 'x' }}")).isEqualTo("x");
        assertThat(t.render("[{{ outputs.t1.nothing ??? 'x' }}]")).isEqualTo("[]");
        assertThat(t.render("{{ inputs.name ??? 'x' }}")).isEqualTo("World");
    }

    @Test
    void falseAndEmptyAreValuesNotAbsences() {
        assertThat(t.render("{{ false ?? 'x' }}|{{ '' ?? 'x' }}|{{ 0 ?? 'x' }}")).isEqualTo("false||0");
    }

    @Test
    void chainsTryEachSideInTurn() {
        assertThat(t.render("{{ a ?? b ?? inputs.name ?? 'last' }}")).isEqualTo("World");
        assertThat(t.render("{{ a ?? b ??? 'last' }}")).isEqualTo("last");
    }

    @Test
    void bindsTighterThanFiltersAsInKestra() {
        assertThat(t.render("{{ trigger.id ?? execution.id | upper }}")).isEqualTo("EXEC1");
        assertThat(t.render("{{ nothing ?? 'abc' | upper }}")).isEqualTo("ABC");
        assertThat(t.render("{{ inputs.name | lower ?? 'none' }}")).isEqualTo("world");
    }

    @Test
    void theRightSideIsEvaluatedOnlyWhenNeeded() {
        assertThat(t.render("{{ inputs.name ?? undefinedToo }}")).isEqualTo("World");
        assertThat(t.error("{{ nothing ?? undefinedToo }}")).startsWith("variable 'undefinedToo' is not defined");
    }
}
