package io.millrace.template;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentSecretsTest {

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBase64EncodedSecretVariables() {
        EnvironmentSecrets secrets = new EnvironmentSecrets(Map.of("SECRET_API_TOKEN", base64("tök-123")), Map.of());

        assertThat(secrets.secret("company.team", "API_TOKEN")).contains("tök-123");
        assertThat(secrets.secret("other.namespace", "API_TOKEN")).contains("tök-123");
    }

    @Test
    void findsAnUpperCaseVariableForALowerCaseKey() {
        EnvironmentSecrets secrets = new EnvironmentSecrets(Map.of("SECRET_API_TOKEN", base64("t")), Map.of());

        assertThat(secrets.secret("ns", "api_token")).contains("t");
    }

    @Test
    void ignoresVariablesWithoutThePrefix() {
        EnvironmentSecrets secrets = new EnvironmentSecrets(Map.of("API_TOKEN", base64("t"), "PATH", "/bin"), Map.of());

        assertThat(secrets.secret("ns", "API_TOKEN")).isEmpty();
        assertThat(secrets.secret("ns", "PATH")).isEmpty();
    }

    @Test
    void explicitValuesWinAndAreNotEncoded() {
        EnvironmentSecrets secrets =
            new EnvironmentSecrets(Map.of("SECRET_KEY", base64("from-env")), Map.of("KEY", "explicit"));

        assertThat(secrets.secret("ns", "KEY")).contains("explicit");
    }

    @Test
    void toleratesLineBreaksInTheEncodedValue() {
        EnvironmentSecrets secrets = new EnvironmentSecrets(Map.of("SECRET_PEM", "bGluZSAxCmxp\nbmUgMg==\n"), Map.of());

        assertThat(secrets.secret("ns", "PEM")).contains("line 1\nline 2");
    }

    @Test
    void anInvalidEncodingNamesTheVariableButNotItsValue() {
        EnvironmentSecrets secrets = new EnvironmentSecrets(Map.of("SECRET_BAD", "not*base64"), Map.of());

        assertThatThrownBy(() -> secrets.secret("ns", "BAD"))
            .hasMessageContaining("SECRET_BAD")
            .hasMessageNotContaining("not*base64");
    }

    @Test
    void feedsTheSecretFunction() {
        EnvironmentSecrets secrets = new EnvironmentSecrets(Map.of("SECRET_PASSWORD", base64("hunter2")), Map.of());
        TemplateEngine engine = new TemplateEngine(secrets);

        assertThat(engine.render("{{ secret('PASSWORD') }}", Map.of())).isEqualTo("hunter2");
    }
}
