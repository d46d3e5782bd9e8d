package io.millrace.template;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An engine at a fixed instant with a few secrets, the variables a task sees, and shortcuts to render or fail. */
final class TemplateFixture {

    static final Instant NOW = Instant.parse("2024-03-15T10:30:45.123456789Z");

    final List<String> secretsSeen = new ArrayList<>();
    final List<List<String>> secretLookups = new ArrayList<>();
    final TemplateEngine engine;

    TemplateFixture() {
        this(Map.of("API_TOKEN", "tok-123", "DB_PASSWORD", "hunter2"));
    }

    TemplateFixture(Map<String, String> secrets) {
        SecretProvider provider = (namespace, key) -> {
            secretLookups.add(List.of(String.valueOf(namespace), key));
            return java.util.Optional.ofNullable(secrets.get(key));
        };
        this.engine = new TemplateEngine(provider, InstantSource.fixed(NOW));
    }

    /** Variables shaped like those {@code io.millrace.runtime.Variables} gives a task of a flow in company.team. */
    static Map<String, Object> variables() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("flow", Map.of("id", "hello", "namespace", "company.team", "revision", 3));
        vars.put("execution", Map.of("id", "exec1", "startDate", "2024-03-15T10:00:00Z", "state", "RUNNING"));
        vars.put("task", Map.of("id", "t2", "type", "io.kestra.plugin.core.log.Log"));
        vars.put("taskrun", Map.of("id", "tr2", "startDate", "2024-03-15T10:00:01Z", "attemptsCount", 0));
        vars.put("inputs", Map.of("name", "World", "count", 3, "ratio", 0.5, "enabled", true));
        Map<String, Object> t1 = new LinkedHashMap<>();
        t1.put("value", "x");
        t1.put("nothing", null);
        vars.put("outputs", Map.of("t1", t1, "numbers", Map.of("values", List.of(1, 2, 3))));
        vars.put("vars", Map.of("greeting", "Hello {{ inputs.name }}"));
        vars.put("labels", Map.of("team", "data"));
        return vars;
    }

    String render(String template) {
        return engine.render(template, variables(), secretsSeen::add);
    }

    String render(String template, Map<String, Object> variables) {
        return engine.render(template, variables, secretsSeen::add);
    }

    /** The message of the {@link TemplateException} rendering {@code template} must throw. */
    String error(String template) {
        return error(template, variables());
    }

    String error(String template, Map<String, Object> variables) {
        String[] message = new String[1];
        assertThatThrownBy(() -> engine.render(template, variables, secretsSeen::add))
            .isInstanceOf(TemplateException.class)
            .satisfies(e -> message[0] = e.getMessage());
        return message[0];
    }

    /** The message of the {@link TemplateException} checking {@code template} must throw. */
    String checkError(String template) {
        String[] message = new String[1];
        assertThatThrownBy(() -> engine.check(template))
            .isInstanceOf(TemplateException.class)
            .satisfies(e -> message[0] = e.getMessage());
        return message[0];
    }

    static Map<String, Object> with(String name, Object value) {
        Map<String, Object> vars = variables();
        vars.put(name, value);
        return vars;
    }
}
