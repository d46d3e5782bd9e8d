package io.millrace.serde;

import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The example of every {@code @Plugin} is valid once wrapped in a minimal flow: the docs show flows that run. */
class PluginExamplesTest {

    /**
     * Examples that use a type not in this build's catalogue yet (another task type, built in
     * parallel). Until it arrives, the only problem allowed is that type being unknown; once it is
     * in the catalogue, the example must be valid like any other and the entry can go.
     */
    private static final Map<String, String> WAITING_FOR = Map.of(
        "io.millrace.core.flow.WaitFor", "io.millrace.core.http.Request");

    private final FlowParser parser = new FlowParser();

    static List<PluginDescriptor> plugins() {
        List<PluginDescriptor> all = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            all.addAll(Catalogue.get().all(kind));
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plugins")
    void theExampleIsValidInAMinimalFlow(PluginDescriptor plugin) {
        String yaml = wrap(plugin);

        List<FlowProblem> problems = parser.validate(yaml).problems();

        String missingType = WAITING_FOR.get(plugin.id());
        if (missingType != null && Catalogue.get().find(PluginKind.TASK, missingType) == null) {
            assertThat(problems).as(yaml).isNotEmpty().allSatisfy(p ->
                assertThat(p.message()).startsWith("unknown task type '" + missingType + "'"));
        } else {
            assertThat(problems).as(yaml).isEmpty();
        }
    }

    /** The example as a task, a trigger, or a condition of a Flow trigger, of a flow with one task. */
    static String wrap(PluginDescriptor plugin) {
        String head = "id: example\nnamespace: millrace.examples\n";
        String log = "  - id: only\n    type: io.millrace.core.log.Log\n    message: hello\n";
        return switch (plugin.kind()) {
            case TASK -> head + "tasks:\n" + item(plugin.example(), 2);
            case TRIGGER -> head + "tasks:\n" + log + "triggers:\n" + item(plugin.example(), 2);
            case CONDITION -> head + "tasks:\n" + log + "triggers:\n  - id: after\n    type: io.millrace.core.trigger.Flow\n"
                + "    conditions:\n" + item(plugin.example(), 6);
        };
    }

    /** {@code text} as an element of a block list indented by {@code indent}. */
    private static String item(String text, int indent) {
        StringBuilder out = new StringBuilder();
        String pad = " ".repeat(indent);
        boolean first = true;
        for (String line : text.strip().split("\n", -1)) {
            out.append(pad).append(first ? "- " : "  ").append(line).append('\n');
            first = false;
        }
        return out.toString();
    }
}
