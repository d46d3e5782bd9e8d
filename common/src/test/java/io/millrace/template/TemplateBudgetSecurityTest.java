package io.millrace.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Templates an attacker writes to hold a thread or fill the memory of the api, the executor or a
 * worker: each must end quickly with a clear {@link TemplateException}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TemplateBudgetSecurityTest {

    /** Endless for any budget, and printing nothing: only the deadline or the steps can stop it. */
    private static final String LONG_LOOP = "{% for i in range(1, 1000000) %}{% for j in range(1, 1000000) %}"
        + "{% set k = j %}{% endfor %}{% endfor %}";

    private final TemplateFixture t = new TemplateFixture();

    private static TemplateEngine engine(Duration timeout, long steps) {
        return new TemplateEngine(SecretProvider.none(), new TemplateLimits(timeout, steps, 1_000_000));
    }

    private static String error(TemplateEngine engine, String template) {
        AtomicReference<String> message = new AtomicReference<>();
        assertThatThrownBy(() -> engine.render(template, Map.of("text", "a".repeat(5_000) + "!")))
            .isInstanceOf(TemplateException.class)
            .satisfies(e -> message.set(e.getMessage()));
        return message.get();
    }

    @Test
    void aRenderStopsAtItsDeadline() {
        long start = System.nanoTime();

        String message = error(engine(Duration.ofMillis(500), Long.MAX_VALUE), LONG_LOOP);

        assertThat(message).startsWith("the template took longer than 500ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aRenderStopsAfterItsSteps() {
        assertThat(error(engine(Duration.ofMinutes(1), 1_000), LONG_LOOP))
            .startsWith("the template exceeded 1000 steps (loop iterations, macro, filter and function calls)");
    }

    @Test
    void theDefaultLimitsStopAnEndlessTemplateWithinTheirTwoSeconds() {
        long start = System.nanoTime();

        assertThat(t.error(LONG_LOOP)).containsAnyOf("took longer than 2s", "exceeded 10000000 steps");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void macrosCallingThemselvesTwiceAreStopped() {
        String template = "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
            + "{{ f(60) }}";

        assertThat(error(engine(Duration.ofMinutes(1), 10_000), template)).startsWith("the template exceeded 10000 steps");
    }

    @Test
    void aMacroCallingItselfForEverFailsClearly() {
        assertThat(t.error("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"))
            .startsWith("the template recurses too deeply (does a macro call itself");
    }

    @Test
    void deepNestingIsRefusedBeforeParsing() {
        String deep = "{{ " + "(".repeat(200_000) + "1" + ")".repeat(200_000) + " }}";

        assertThat(t.error(deep)).startsWith("the template nests more than 100 levels deep");
        assertThat(t.checkError(deep)).startsWith("the template nests more than 100 levels deep");
    }

    @Test
    void aStackOverflowWhileParsingIsATemplateError() {
        // no bracket to count: only the parser's own recursion meets this
        String deep = "{{ " + "not ".repeat(200_000) + "true }}";

        assertThat(t.error(deep)).startsWith("the template recurses too deeply");
        assertThat(t.checkError(deep)).startsWith("the template recurses too deeply");
    }

    @Test
    void anInterruptedRenderStopsAndKeepsTheInterrupt() throws Exception {
        TemplateEngine engine = engine(Duration.ofMinutes(1), Long.MAX_VALUE);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                engine.render(LONG_LOOP, Map.of());
                outcome.complete("rendered");
            } catch (TemplateException e) {
                outcome.complete(e.getMessage() + " / interrupted=" + Thread.currentThread().isInterrupted());
            }
        });
        Thread.sleep(100);
        thread.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS))
            .startsWith("the template was stopped: its thread was interrupted")
            .endsWith("interrupted=true");
    }

    @Test
    void catastrophicBacktrackingEndsAtTheDeadline() {
        TemplateEngine engine = engine(Duration.ofMillis(500), Long.MAX_VALUE);

        assertThat(error(engine, "{{ text | replace({'((a+)+)+$': 'x'}, regexp=true) }}"))
            .startsWith("the template took longer than 500ms");
        assertThat(error(engine, "{{ text | split('((a+)+)+$') | length }}"))
            .startsWith("the template took longer than 500ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // '+' doubling a text
        "{% set s = 'ab' %}{% for i in range(1, 64) %}{% set s = s + s %}{% endfor %}{{ s | length }}",
        // '~' doubling a text
        "{% set s = 'ab' %}{% for i in range(1, 64) %}{% set s = s ~ s %}{% endfor %}{{ s | length }}",
        // replace doubling a text
        "{% set s = 'a' %}{% for i in range(1, 64) %}{% set s = s | replace({'a': 'aa'}) %}{% endfor %}",
        // one replace of a long text by a longer one
        "{{ range(1, 100000) | join('a') | replace({'a': 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'}) | length }}",
        // join with a long separator
        "{% set sep = 'x' ~ ('%100000s' | format('')) %}{{ range(1, 1000000) | join(sep) | length }}",
        // indent of many lines, and a long prefix
        "{{ range(1, 100000) | join('\n') | indent(100) | length }}",
        "{{ 'a' | indent(1000, prefix='%999999s' | format('')) | length }}",
        // upper case grows ß to SS
        "{% set s = 'ß' %}{% for i in range(1, 64) %}{% set s = s | upper | lower | replace({'ss': 'ßß'}) %}{% endfor %}",
        // escaping grows each quote to six characters
        "{% set s = '\"' %}{% for i in range(1, 64) %}{% set s = s | escape | replace({'&': '\"\"'}) %}{% endfor %}",
        "{% set s = '/' %}{% for i in range(1, 64) %}{% set s = s | urlencode | replace({'%': '//'}) %}{% endfor %}",
    })
    void textsCannotGrowPastTheSizeLimit(String template) {
        String message = error(engine(Duration.ofSeconds(10), Long.MAX_VALUE), template);

        assertThat(message).containsAnyOf("would make a text longer than the limit of 1000000 characters",
            "is longer than the limit of 1000000 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ '%2000000000s' | format('x') }}", "{{ '%.2000000000f' | format(1.5) }}",
        "{{ '%-2000000000d' | format(1) }}", "{{ '%99999999999999999999999s' | format('x') }}"})
    void formatRefusesAWidthOrPrecisionPastTheSizeLimit(String template) {
        assertThat(t.error(template)).startsWith("filter 'format': a ").contains(
            "would make a text longer than the limit of " + TemplateEngine.MAX_RENDERED_CHARS + " characters");
    }

    @Test
    void formatStillFormats() {
        assertThat(t.render("{{ '%s has %d items, %.2f%% done, %5s|%-3s|' | format(inputs.name, 3, 12.345, 'ab', 'c') }}"))
            .isEqualTo("World has 3 items, 12.35% done,    ab|c  |");
        assertThat(t.render("{{ '%s' | format(outputs.t1) }}")).isEqualTo("{\"value\":\"x\",\"nothing\":null}");
        assertThat(t.render("{{ [1, 'a', [2]] | join(', ') }}")).isEqualTo("1, a, [2]");
        assertThat(t.render("{{ 'a1b22c' | split('[0-9]+') }}")).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(t.render("{{ 'a,b,c' | split(',', 2) }}")).isEqualTo("[\"a\",\"b,c\"]");
        assertThat(t.render("{{ 1 + 2 }} {{ 'a' + 1 }} {{ ([1] + 2) | length }}")).isEqualTo("3 a1 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{% set l = [1] %}{% for i in range(1, 64) %}{% set l = l + l %}{% endfor %}",
        "{% set l = [1] %}{% for i in range(1, 64) %}{% set l = l | merge(l) %}{% endfor %}",
        "{{ ('%1500000s' | format('')) | split('') | length }}",
    })
    void listsCannotGrowPastAMillionItems(String template) {
        assertThat(t.error(template)).containsAnyOf("more than 1000000 items");
    }

    @Test
    void aValueSharedMillionsOfTimesIsNotPrinted() {
        String template = "{% set a = [1] %}{% for i in range(1, 64) %}{% set a = [a, a] %}{% endfor %}{{ a }}";

        assertThat(t.error(template)).contains("a value has more items than the limit of");
        assertThat(t.error(template.replace("{{ a }}", "{{ a | json }}"))).contains("a value has more items");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{{ '%s' | format(_context) }}", "{{ _context }}", "{{ '' + _context }}", "{{ _context ~ '' }}",
        "{{ [_context] | join(',') }}", "{{ _context | upper }}", "{{ _context | keys }}", "{{ _context | length }}",
        "{{ _context | escape }}", "{{ _context | json }}", "{{ {'a': _context} | json }}", "{{ loop }}",
        "{% for x in [1] %}{{ loop | upper }}{% endfor %}", "{% for x in [1] %}{{ '%s' | format(loop) }}{% endfor %}",
        "{{ _self }}", "{{ '%s' | format(_self) }}", "{{ _self | upper }}", "{{ [_self] | join }}",
        "{{ _locale }}", "{{ '%s' | format(_locale) }}",
    })
    void internalObjectsAreNeverPrinted(String template) {
        String message = t.error(template);

        assertThat(message).doesNotContainPattern("@[0-9a-f]{4,}").doesNotContain("io.pebbletemplates");
        assertThat(message).containsAnyOf("is not a value a template can use", "is not available in templates",
            "is not defined");
    }
}
