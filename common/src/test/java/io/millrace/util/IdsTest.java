package io.millrace.util;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids: 22 base62 characters, random or derived from stable parts. */
class IdsTest {

    @Test
    void randomIdsAreBase62AndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.random();
            assertThat(id).hasSize(22).matches("[0-9A-Za-z]+");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void derivedIdsDependOnEveryPartAndOnlyOnThem() {
        assertThat(Ids.derived("a", "b")).isEqualTo(Ids.derived("a", "b")).hasSize(22);
        assertThat(Ids.derived("a", "b")).isNotEqualTo(Ids.derived("b", "a"));
        assertThat(Ids.derived("ab", "c")).isNotEqualTo(Ids.derived("a", "bc"));
        assertThat(Ids.derived("a", null)).isNotEqualTo(Ids.derived("a"));
    }
}
