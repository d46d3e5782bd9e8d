package io.millrace.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EncodingFiltersTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void hashesAsLowerCaseHex() {
        assertThat(t.render("{{ 'abc' | md5 }}")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(t.render("{{ 'abc' | sha1 }}")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(t.render("{{ 'abc' | sha256 }}"))
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(t.render("{{ 'abc' | sha512 }}")).isEqualTo(
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f");
    }

    @Test
    void hashesTheJsonOfAValue() {
        assertThat(t.render("{{ [1] | md5 }}")).isEqualTo(t.render("{{ '[1]' | md5 }}"));
    }

    @Test
    void base64BothWaysInUtf8() {
        assertThat(t.render("{{ 'tëst' | base64encode }}")).isEqualTo("dMOrc3Q=");
        assertThat(t.render("{{ 'dMOrc3Q=' | base64decode }}")).isEqualTo("tëst");
        assertThat(t.render("{{ 'dMOr\nc3Q=' | base64decode }}")).isEqualTo("tëst");
        assertThat(t.error("{{ 'not*base64' | base64decode }}")).startsWith("filter 'base64decode': not valid Base64");
    }
}
