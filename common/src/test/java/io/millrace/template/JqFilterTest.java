package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JqFilterTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void returnsEveryResultAsAList() {
        assertThat(t.render("{{ [1, 2, 3] | jq('.') }}")).isEqualTo("[[1,2,3]]");
        assertThat(t.render("{{ [1, 2, 3] | jq('.[]') }}")).isEqualTo("[1,2,3]");
        assertThat(t.render("{{ outputs | jq('.t1.value') }}")).isEqualTo("[\"x\"]");
    }

    @Test
    void firstTakesOneResult() {
        assertThat(t.render("{{ outputs | jq('.t1.value') | first }}")).isEqualTo("x");
        assertThat(t.render("{{ [1, 2, 3] | jq('.[0]') | first }}")).isEqualTo("1");
    }

    @Test
    void computesLikeJqAndPrintsWholeNumbersAsIntegers() {
        assertThat(t.render("{{ {'value': 2} | jq('.value * 2') | first }}")).isEqualTo("4");
        assertThat(t.render("{{ {'value': 3} | jq('.value / 2') | first }}")).isEqualTo("1.5");
        assertThat(t.render("{{ outputs.numbers | jq('[.values[] | select(. > 1)]') | first }}")).isEqualTo("[2,3]");
    }

    @Test
    void jsonTextIsParsedFirst() {
        Map<String, Object> vars = TemplateFixture.with("body", "{\"data\": {\"id\": 42}}");

        assertThat(t.render("{{ body | jq('.data.id') | first }}", vars)).isEqualTo("42");
    }

    @Test
    void otherTextIsAJsonString() {
        assertThat(t.render("{{ 'hello' | jq('length') | first }}")).isEqualTo("5");
    }

    @Test
    void anEmptyResultIsAnEmptyList() {
        assertThat(t.render("{{ [1, 2] | jq('.[] | select(. > 5)') }}")).isEqualTo("[]");
    }

    @Test
    void anInvalidProgramIsAnErrorNamingIt() {
        assertThat(t.error("{{ outputs | jq('.[') }}")).startsWith("filter 'jq': invalid expression '.['");
    }

    @Test
    void aRuntimeErrorOfTheProgramIsReported() {
        assertThat(t.error("{{ 'text' | jq('.a') }}")).startsWith("filter 'jq': ");
    }
}
