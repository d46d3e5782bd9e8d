package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonAndYamlTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void toJsonWritesCompactJson() {
        assertThat(t.render("{{ [1, 2, 3] | toJson }} {{ true | toJson }} {{ 'foo' | toJson }} {{ null | toJson }}"))
            .isEqualTo("[1,2,3] true \"foo\" null");
        assertThat(t.render("{{ outputs.t1 | json }}")).isEqualTo("{\"value\":\"x\",\"nothing\":null}");
    }

    @Test
    void toJsonEscapesText() {
        assertThat(t.render("{{ 'say \"hi\"\\n' | toJson }}")).isEqualTo("\"say \\\"hi\\\"\\\\n\"");
    }

    @Test
    void fromJsonParsesText() {
        Map<String, Object> vars = TemplateFixture.with("body", "{\"items\": [{\"id\": 7}], \"ok\": true}");

        assertThat(t.render("{{ fromJson(body).items[0].id }} {{ json(body).ok }}", vars)).isEqualTo("7 true");
        assertThat(t.render("{{ fromJson('[1, 2]') | length }}")).isEqualTo("2");
    }

    @Test
    void fromJsonLeavesValuesThatAreNotText() {
        assertThat(t.render("{{ fromJson(outputs.numbers).values[0] }}")).isEqualTo("1");
    }

    @Test
    void invalidJsonIsAnErrorNamingTheFunction() {
        assertThat(t.error("{{ fromJson('{oops') }}")).startsWith("fromJson(): invalid JSON");
    }

    @Test
    void yamlParsesText() {
        Map<String, Object> vars = TemplateFixture.with("doc", "name: app\nports:\n  - 80\n  - 443\n");

        assertThat(t.render("{{ yaml(doc).name }} {{ fromYaml(doc).ports }}", vars)).isEqualTo("app [80,443]");
        assertThat(t.error("{{ yaml('a: [') }}")).startsWith("yaml(): invalid YAML");
    }

    @Test
    void toYamlWritesBlockYamlWithoutDocumentMarker() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "app");
        config.put("ports", List.of(80, 443));
        config.put("script", "echo 1\necho 2\n");

        assertThat(t.render("{{ config | toYaml }}", TemplateFixture.with("config", config)))
            .isEqualTo("name: app\nports:\n- 80\n- 443\nscript: |\n  echo 1\n  echo 2");
        assertThat(t.render("{{ {'k': 'v'} | yaml }}")).isEqualTo("k: v");
    }

    @Test
    void yamlOfTextIsAValidYamlScalar() {
        assertThat(t.render("{{ 'plain' | yaml }}|{{ 'a: b' | yaml }}")).isEqualTo("plain|\"a: b\"");
    }

    @Test
    void isJsonTellsWhetherTextParses() {
        Map<String, Object> vars = TemplateFixture.with("body", "{\"a\": 1}");

        assertThat(t.render("{{ body is json }} {{ '[1]' is json }} {{ 'nope' is json }}"
            + " {{ outputs.t1 is json }}", vars))
            .isEqualTo("true true false false");
    }

    @Test
    void yamlAndJsonCombineWithIndent() {
        assertThat(t.render("labels:{{ labels | yaml | nindent(2) }}")).isEqualTo("labels:\n  team: data");
    }
}
