package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionFiltersTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void keysAndValuesOfAMapInItsOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(2));
        Map<String, Object> vars = TemplateFixture.with("m", m);

        assertThat(t.render("{{ m | keys }} {{ m | values }}", vars)).isEqualTo("[\"b\",\"a\"] [1,[2]]");
        assertThat(t.render("{% for k in m | keys %}{{ k }}={{ m[k] }};{% endfor %}", vars)).isEqualTo("b=1;a=[2];");
    }

    @Test
    void keysOfSomethingElseIsAnError() {
        assertThat(t.error("{{ [1] | keys }}")).startsWith("filter 'keys': expects a map, not a list");
    }

    @Test
    void chunkSplitsAListIntoListsOfAtMostTheSize() {
        assertThat(t.render("{{ [1, 2, 3, 4, 5] | chunk(2) }}")).isEqualTo("[[1,2],[3,4],[5]]");
        assertThat(t.render("{{ [] | chunk(3) }}")).isEqualTo("[]");
        assertThat(t.render("{{ Set | chunk(3) }}", TemplateFixture.with("Set", Set.of(1)))).isEqualTo("[[1]]");
        assertThat(t.error("{{ [1] | chunk(0) }}")).startsWith("filter 'chunk': size must be at least 1");
    }

    @Test
    void flattenRemovesOneLevelOfNesting() {
        assertThat(t.render("{{ [[1, 2], [3, [4]], 5] | flatten }}")).isEqualTo("[1,2,3,[4],5]");
        assertThat(t.render("{{ [1, 2] | chunk(1) | flatten }}")).isEqualTo("[1,2]");
    }
}
