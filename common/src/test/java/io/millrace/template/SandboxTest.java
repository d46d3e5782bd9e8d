package io.millrace.template;

import io.pebbletemplates.pebble.error.LoaderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxTest {

    private final TemplateFixture t = new TemplateFixture();

    @ParameterizedTest
    @ValueSource(strings = {
        "{{ 'a'.getClass() }}",
        "{{ inputs.getClass().forName('java.lang.Runtime') }}",
        "{{ inputs.name.toUpperCase() }}",
        "{{ inputs.size() }}",
        "{{ outputs.numbers.values.get(0) }}",
    })
    void noMethodCanBeCalled(String template) {
        assertThat(t.error(template)).startsWith("method calls are not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{{ 'abc'.bytes }}", "{{ inputs.name.class }}", "{{ inputs.empty }}", "{{ inputs.count.MAX_VALUE }}"})
    void noGetterOrFieldIsReached(String template) {
        assertThat(t.error(template)).contains("is not defined");
    }

    @ParameterizedTest
    @ValueSource(strings = {"include", "import", "extends", "embed"})
    void noOtherTemplateCanBeLoaded(String tag) {
        String template = "{% " + tag + " 'file:///etc/passwd' %}";

        assertThat(t.checkError(template)).startsWith("the '" + tag + "' tag is not available in flows");
        assertThat(t.error(template)).startsWith("the '" + tag + "' tag is not available in flows");
    }

    @Test
    void noMacroCanBeImportedFromAnotherTemplate() {
        assertThat(t.error("{% from 'other' import m %}")).startsWith("the 'from' tag is not available in flows");
    }

    @Test
    void theLoaderRefusesEveryName() {
        NoTemplateLoader loader = new NoTemplateLoader();

        assertThatThrownBy(() -> loader.getReader("/etc/passwd")).isInstanceOf(LoaderException.class);
        assertThat(loader.resourceExists("/etc/passwd")).isFalse();
    }

    @Test
    void theCacheTagIsGoneSoNothingOutlivesARender() {
        assertThat(t.error("{% cache 'k' %}{{ secret('API_TOKEN') }}{% endcache %}"))
            .startsWith("the 'cache' tag is not available in flows");
    }

    @Test
    void resourceBundlesCannotBeRead() {
        assertThat(t.error("{{ i18n('messages', 'key') }}")).startsWith("syntax error: unknown function 'i18n'");
    }

    @Test
    void pebbleGlobalsGiveNoWayIntoJavaObjects() {
        assertThat(t.error("{{ _context['inputs'] }}")).startsWith("'_context' is not available in templates");
        assertThat(t.error("{{ _context }}")).startsWith("cannot print: an internal object");
        assertThat(t.error("{{ template }}")).startsWith("cannot print: an internal object");
        assertThat(t.error("{{ [template] | toJson }}")).contains("is not a value a template can use");
        assertThat(t.error("{{ template.name }}")).contains("is not defined");
    }

    @Test
    void theRenderSessionCannotBeReached() {
        assertThat(t.error("{{ _context['" + RenderSession.VARIABLE + "'] }}"))
            .startsWith("'_context' is not available");
    }

    @Test
    void outputIsBounded() {
        String message =
            t.error("{% for i in range(1, 2000) %}{% for j in 1..1000 %}0123456789{% endfor %}{% endfor %}");

        assertThat(message)
            .startsWith("the rendered text is longer than the limit of " + TemplateEngine.MAX_RENDERED_CHARS);
    }

    @Test
    void textGrownInMemoryIsBounded() {
        assertThat(t.error("{% set s = 'ab' %}{% for i in range(1, 40) %}{% set s = s ~ s %}{% endfor %}"))
            .startsWith("'~' would make a text longer than the limit");
        assertThat(t.error("{% set s = 'ab' %}{% for i in range(1, 40) %}"
            + "{% set s = s | replace({'a': 'aa'}) %}{% endfor %}"))
            .startsWith("filter 'replace' would make a text longer than the limit");
    }

    @Test
    void rangesAreBounded() {
        assertThat(t.error("{{ range(1, 1000000000) | length }}"))
            .startsWith("range(): more than " + BoundedRange.MAX_ITEMS + " items");
        assertThat(t.error("{% for i in 0..2000000 %}{% endfor %}")).startsWith("range(): more than");
        assertThat(t.render("{{ range(1, 10, 3) }} {{ 3..1 }} {{ range(0, 1000000, 100) | length }}"))
            .isEqualTo("[1,4,7,10] [] 10001");
    }

    @Test
    void renderRecursionIsBounded() {
        Map<String, Object> vars = TemplateFixture.with("vars", Map.of("loop", "{{ render(vars.loop) }}"));

        assertThat(t.error("{{ render(vars.loop) }}", vars))
            .contains("nest more than " + TemplateEngine.MAX_RENDER_DEPTH + " levels");
    }

    @Test
    void macroRecursionIsAnErrorNotACrash() {
        assertThat(t.error("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}")).contains("recurses too deeply");
    }

    @Test
    void jqCannotReadTheEnvironment() {
        assertThat(t.error("{{ {} | jq('env') }}")).contains("env/0 does not exist");
        assertThat(t.error("{{ {} | jq('$ENV') }}")).contains("$ENV is not defined");
    }

    @Test
    void aRunawayJqProgramIsStopped() {
        assertThat(t.error("{{ null | jq('range(1000000)') }}"))
            .contains("more than " + JqFilter.MAX_RESULTS + " results");
    }
}
