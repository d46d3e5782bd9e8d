package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrintingTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void aMapPrintsAsCompactJson() {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("value", "x");
        ret.put("none", null);
        ret.put("nested", Map.of("list", List.of(1, "two", true)));

        assertThat(t.render("{{ outputs.return }}", TemplateFixture.with("outputs", Map.of("return", ret))))
            .isEqualTo("{\"value\":\"x\",\"none\":null,\"nested\":{\"list\":[1,\"two\",true]}}");
    }

    @Test
    void aListPrintsAsCompactJson() {
        assertThat(t.render("{{ outputs.numbers.values }} {{ ['a', \"b\"] }}")).isEqualTo("[1,2,3] [\"a\",\"b\"]");
    }

    @Test
    void numbersPrintWithoutATrailingPointZero() {
        Map<String, Object> vars = TemplateFixture.with("n", Map.of(
            "d", 2.0, "f", 1.5f, "big", 1.0e20, "tiny", 1.0e-7, "dec", new BigDecimal("2.50"), "l", 12345678901L));

        assertThat(t.render("{{ n.d }} {{ n.f }} {{ n.big }} {{ n.tiny }} {{ n.dec }} {{ n.l }}"
            + " {{ 3 * 1.5 }} {{ 4.0 }}", vars))
            .isEqualTo("2 1.5 100000000000000000000 0.0000001 2.5 12345678901 4.5 4");
    }

    @Test
    void booleansPrintAsTrueAndFalse() {
        assertThat(t.render("{{ inputs.enabled }} {{ not inputs.enabled }} {{ 1 > 2 }}")).isEqualTo("true false false");
    }

    @Test
    void nullPrintsNothing() {
        Map<String, Object> vars = TemplateFixture.with("n", null);

        assertThat(t.render("[{{ n }}][{{ null }}][{{ outputs.t1.nothing }}]", vars)).isEqualTo("[][][]");
    }

    @Test
    void jsonPrintingHoldsInsideLoopsMacrosAndFilterBlocks() {
        assertThat(t.render("{% for n in [1, 2] %}{{ {'n': n} }}{% endfor %}")).isEqualTo("{\"n\":1}{\"n\":2}");
        assertThat(t.render("{% macro show(v) %}<{{ v }}>{% endmacro %}{{ show([1]) }}")).isEqualTo("<[1]>");
        assertThat(t.render("{% filter upper %}{{ {'a': 'b'} }}{% endfilter %}")).isEqualTo("{\"A\":\"B\"}");
        assertThat(t.render("{% if true %}{{ [true] }}{% endif %}")).isEqualTo("[true]");
    }

    @Test
    void concatenationJoinsValuesAsTheyPrint() {
        assertThat(t.render("{{ 'out=' ~ outputs.t1 }}")).isEqualTo("out={\"value\":\"x\",\"nothing\":null}");
        assertThat(t.render("{{ 'a' ~ null ~ 'b' ~ 2.0 ~ true }}")).isEqualTo("ab2true");
    }

    @Test
    void listsOfAnyKindPrintAsJson() {
        List<Object> values = new ArrayList<>(List.of("a"));
        Map<String, Object> vars = TemplateFixture.with("v", Map.of("list", values, "array", new Object[] {1, "b"}));

        assertThat(t.render("{{ v.list }} {{ v.array }} {{ 'a,b' | split(',') }}", vars))
            .isEqualTo("[\"a\"] [1,\"b\"] [\"a\",\"b\"]");
    }
}
