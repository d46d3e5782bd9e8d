package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StringFiltersTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void substringsAroundTheFirstOrLastSeparator() {
        assertThat(t.render("{{ 'a.b.c' | substringBefore('.') }} {{ 'a.b.c' | substringAfter('.') }}"
            + " {{ 'a.b.c' | substringBeforeLast('.') }} {{ 'a.b.c' | substringAfterLast('.') }}"))
            .isEqualTo("a b.c a.b c");
    }

    @Test
    void aMissingSeparatorKeepsTheTextBeforeAndNothingAfter() {
        assertThat(t.render("[{{ 'abc' | substringBefore('/') }}][{{ 'abc' | substringAfter('/') }}]"
            + "[{{ 'abc' | substringBeforeLast('/') }}][{{ 'abc' | substringAfterLast('/') }}]"))
            .isEqualTo("[abc][][abc][]");
    }

    @Test
    void startsWithAndEndsWith() {
        assertThat(t.render("{{ 'report.csv' | startsWith('report') }} {{ 'report.csv' | endsWith('.json') }}"))
            .isEqualTo("true false");
        assertThat(t.render("{% if inputs.name | startsWith('W') %}w{% endif %}")).isEqualTo("w");
    }

    @Test
    void slugifyMakesAnIdentifier() {
        assertThat(t.render("{{ 'Hello, Wörld! Ça va?' | slugify }}")).isEqualTo("hello-world-ca-va");
        assertThat(t.render("{{ '  --Already-a-slug--  ' | slugify }}")).isEqualTo("already-a-slug");
    }

    @Test
    void escapeCharEscapesForQuotedContexts() {
        Map<String, Object> vars = TemplateFixture.with("s", "it's a \"test\" \\ ok");

        assertThat(t.render("{{ s | escapeChar('single') }}", vars)).isEqualTo("it\\'s a \"test\" \\\\ ok");
        assertThat(t.render("{{ s | escapeChar('double') }}", vars)).isEqualTo("it's a \\\"test\\\" \\\\ ok");
        assertThat(t.render("echo '{{ s | escapeChar('shell') }}'", vars))
            .isEqualTo("echo 'it'\\''s a \"test\" \\ ok'");
        assertThat(t.error("{{ s | escapeChar('html') }}", vars))
            .startsWith("filter 'escapeChar': unknown type 'html'");
    }

    @Test
    void indentLeavesTheFirstLineAndNindentStartsANewOne() {
        Map<String, Object> vars = TemplateFixture.with("s", "a: 1\n\nb: 2");

        assertThat(t.render("key: {{ s | indent(2) }}", vars)).isEqualTo("key: a: 1\n\n  b: 2");
        assertThat(t.render("key:{{ s | nindent(4) }}", vars)).isEqualTo("key:\n    a: 1\n\n    b: 2");
        assertThat(t.render("{{ s | indent(1, prefix='\t') }}", vars)).isEqualTo("a: 1\n\n\tb: 2");
    }

    @Test
    void replaceWithAMapOfLiteralTexts() {
        assertThat(t.render("{{ 'I like %this% and %that%.' | replace({'%this%': inputs.name, '%that%': 'bar'}) }}"))
            .isEqualTo("I like World and bar.");
        assertThat(t.render("{{ 'a.b' | replace({'.': '$'}) }}")).isEqualTo("a$b");
    }

    @Test
    void replaceWithRegularExpressions() {
        assertThat(t.render("{{ 'v1.2.3' | replace({'(\\d+)\\.(\\d+)': '$2.$1'}, regexp=true) }}")).isEqualTo("v2.1.3");
        assertThat(t.render("{{ 'a1b22' | replace({'[0-9]+': '#'}, regexp=true) }}")).isEqualTo("a#b#");
        assertThat(t.error("{{ 'a' | replace({'(': ''}, regexp=true) }}"))
            .startsWith("filter 'replace': invalid regular expression '('");
    }

    @Test
    void pebblesOwnStringFiltersStillWork() {
        assertThat(t.render("{{ ' Mixed ' | trim | upper }} {{ 'abcdef' | abbreviate(5) }}"
            + " {{ ['a', 'b'] | join('-') }}"))
            .isEqualTo("MIXED ab... a-b");
    }
}
