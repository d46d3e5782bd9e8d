package io.millrace.template;

import io.millrace.model.Flow;
import io.millrace.serde.FlowParser;
import io.millrace.serde.ParseResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templates nesting too deep for Pebble's recursive parser are refused with a message, never a stack overflow. */
class TemplateNestingSecurityTest {

    private final TemplateEngine engine = new TemplateEngine();

    private static String parentheses(int depth) {
        return "{{ " + "(".repeat(depth) + "1" + ")".repeat(depth) + " }}";
    }

    @Test
    void countsOnlyWhatPebbleParsesRecursively() {
        assertThat(TemplateNesting.depth("plain ((( text [[ {")).isZero();
        assertThat(TemplateNesting.depth("{{ a }}")).isZero();
        assertThat(TemplateNesting.depth(parentheses(3))).isEqualTo(3);
        assertThat(TemplateNesting.depth("{{ {'a': [1, (2)]} }}")).isEqualTo(3);
        assertThat(TemplateNesting.depth("{{ '((((' ~ \"))\" }}")).as("string literals").isZero();
        assertThat(TemplateNesting.depth("{{ \"a#{ (1) }b\" }}")).as("an interpolation and its parentheses").isEqualTo(2);
        assertThat(TemplateNesting.depth("{% if a %}{% for x in y %}{{ (x) }}{% endfor %}{% endif %}")).isEqualTo(3);
        assertThat(TemplateNesting.depth("{% if a %}{% endif %}{% if b %}{% endif %}")).isEqualTo(1);
        assertThat(TemplateNesting.depth("{# ((((( #}{{ x }}")).as("a comment").isZero();
        assertThat(TemplateNesting.depth("{% verbatim %}{{ ((((( }}{% endverbatim %}")).as("raw text").isZero();
        assertThat(TemplateNesting.depth("{{ ) }} {{ (1) }}")).as("an unbalanced close does not end the scan").isEqualTo(1);
    }

    @Test
    void aTemplateAtTheLimitStillRenders() {
        assertThat(engine.render(parentheses(TemplateNesting.MAX_DEPTH), Map.of())).isEqualTo("1");
    }

    @Test
    void aDeepExpressionIsRefusedBeforePebbleParsesIt() {
        for (String deep : new String[]{parentheses(20_000), "{{ " + "[".repeat(20_000) + "]".repeat(20_000) + " }}",
            "{% if true %}".repeat(20_000) + "x" + "{% endif %}".repeat(20_000),
            "{{ " + "\"#{ ".repeat(20_000) + "1" + " }\"".repeat(20_000) + " }}"}) {
            assertThatThrownBy(() -> engine.check(deep)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("nests more than 100 levels deep");
            assertThatThrownBy(() -> engine.render(deep, Map.of())).isInstanceOf(TemplateException.class)
                .hasMessageContaining("nests more than 100 levels deep");
        }
    }

    @Test
    void aFlowWithADeepExpressionIsInvalidWithItsLocation() {
        String yaml = """
            id: deep
            namespace: company.team
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "%s"
            """.formatted(parentheses(20_000));
        ParseResult result = new FlowParser().validate(yaml);
        assertThat(result.isValid()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tasks[0].message");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("nests more than 100 levels deep");
        });
    }

    @Test
    void aLongChainTheScannerDoesNotCountIsStillAProblemNotAStackOverflow() {
        String yaml = "id: deep\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n"
            + "    message: \"{{ " + "not ".repeat(20_000) + "true }}\"\n";
        ParseResult result = new FlowParser().validate(yaml);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tasks[0].message");
            assertThat(p.message()).contains("recurses too deeply");
        });
    }

    @Test
    void aFlowOfDeeplyNestedYamlIsInvalid() {
        String yaml = "id: deep\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n"
            + "    message: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        ParseResult result = new FlowParser().validate(yaml);
        assertThat(result.isValid()).isFalse();
        assertThat(result.problems().getFirst().message()).contains("nested too deeply");
        Flow none = result.flow();
        assertThat(none).isNull();
    }
}
