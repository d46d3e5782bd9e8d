package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretFunctionTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void readsTheSecretForTheFlowsNamespace() {
        assertThat(t.render("Bearer {{ secret('API_TOKEN') }}")).isEqualTo("Bearer tok-123");
        assertThat(t.secretLookups).containsExactly(List.of("company.team", "API_TOKEN"));
    }

    @Test
    void reportsEverySecretReadSoLogsCanMaskIt() {
        t.render("{{ secret('API_TOKEN') }}:{{ secret('DB_PASSWORD') }}");

        assertThat(t.secretsSeen).containsExactly("tok-123", "hunter2");
    }

    @Test
    void reportsSecretsReadInsideARenderedVariable() {
        Map<String, Object> vars = TemplateFixture.with("vars", Map.of("auth", "{{ secret('DB_PASSWORD') }}"));

        assertThat(t.render("{{ render(vars.auth) }}", vars)).isEqualTo("hunter2");
        assertThat(t.secretsSeen).containsExactly("hunter2");
    }

    @Test
    void reportsNothingWhenNoSecretIsRead() {
        t.render("{{ inputs.name }}");

        assertThat(t.secretsSeen).isEmpty();
    }

    @Test
    void aMissingSecretIsAnErrorNamingItButNoValue() {
        assertThat(t.error("{{ secret('NOPE') }}"))
            .isEqualTo("secret 'NOPE' not found for namespace company.team (nor its parents, nor global),"
                + " in '{{ secret('NOPE') }}' at line 1");
    }

    @Test
    void worksWithoutAFlowVariable() {
        assertThat(t.render("{{ secret('API_TOKEN') }}", Map.of())).isEqualTo("tok-123");
        assertThat(t.secretLookups).containsExactly(List.of("null", "API_TOKEN"));
    }

    @Test
    void theEngineWithoutProviderHasNoSecrets() {
        assertThatThrownBy(() -> new TemplateEngine().render("{{ secret('API_TOKEN') }}", Map.of()))
            .isInstanceOf(TemplateException.class)
            .hasMessageStartingWith("secret 'API_TOKEN' not found");
    }
}
