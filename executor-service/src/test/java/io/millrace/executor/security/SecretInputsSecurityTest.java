package io.millrace.executor.security;

import io.millrace.executor.local.FlowHarness;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.LogEntry;
import io.millrace.secrets.SecretCipher;
import io.millrace.serde.FlowParser;
import io.millrace.serde.Json;
import io.millrace.template.EnvironmentSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECRET inputs and namespace-scoped secrets through the real orchestrator and real tasks: the task
 * gets the clear value, while logs, errors and the execution's state only ever hold it masked or sealed.
 */
class SecretInputsSecurityTest {

    private static final String PW = "hunter2 Zü/x+y";

    private FlowHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private FlowHarness harness(Map<String, String> namespaced) {
        harness = FlowHarness.builder()
            .secrets(new EnvironmentSecrets(Map.of(), Map.of("GLOBAL_TOKEN", "global-t0ken-value"), namespaced))
            .build();
        return harness;
    }

    private String deploy(String yaml) {
        return harness.deploy(new FlowParser().parse(yaml)).id();
    }

    private List<String> messages(Execution e) {
        return harness.logs(e.id()).stream().map(LogEntry::message).toList();
    }

    @Test
    void aSecretInputAndWhatFiltersMakeOfItAreMaskedInLogsAndErrorsWhileTheTaskGetsTheClearValue() {
        harness(Map.of());
        deploy("""
            id: secret-inputs
            namespace: sec.tests
            inputs:
              - id: pw
                type: SECRET
            tasks:
              - id: show
                type: io.kestra.plugin.core.log.Log
                message:
                  - "plain={{ inputs.pw }}"
                  - "b64={{ inputs.pw | base64encode }}"
                  - "url={{ inputs.pw | urlencode }}"
                  - "up={{ inputs.pw | upper }}"
                  - "json={{ {'p': inputs.pw} | toJson }}"
                  - "chain={{ inputs.pw | lower | base64encode | upper }}"
              - id: compare
                type: io.millrace.core.debug.Return
                format: "{{ inputs.pw == 'hunter2 Zü/x+y' ? 'same' : 'different' }}"
              - id: fail
                type: io.millrace.core.execution.Fail
                errorMessage: "refused {{ inputs.pw }} / {{ inputs.pw | base64encode }}"
            """);

        Execution e = harness.run("sec.tests", "secret-inputs", Map.of("pw", PW));

        assertThat(e.status()).isEqualTo(FAILED);
        // the task got the clear value
        assertThat(e.taskRun("compare").outputs()).containsEntry("value", "same");
        List<String> logs = messages(e);
        assertThat(logs).contains("plain=******", "b64=******", "url=******", "up=******", "chain=******");
        assertThat(logs).anyMatch(m -> m.startsWith("json=") && m.contains("******"));
        String error = e.taskRun("fail").error();
        assertThat(error).isEqualTo("refused ****** / ******");
        for (String leak : forms(PW)) {
            assertThat(logs).noneMatch(m -> m.contains(leak));
            assertThat(error).doesNotContain(leak);
        }
        // the execution's state holds the value sealed, never in clear
        Object stored = e.header().inputs().get("pw");
        assertThat(SecretCipher.isSealed(stored)).isTrue();
        assertThat(Json.write(e.header())).doesNotContain(PW);
    }

    @Test
    void aFlowReadsItsOwnNamespacesSecretsAndItsParentsButNotASiblings() {
        harness(Map.of(
            "company.team.API_TOKEN", "team-t0ken-value",
            "company.DB_PASSWORD", "company-db-pa55",
            "company.other.OTHER_TOKEN", "sibling-t0ken-value"));
        deploy("""
            id: reader
            namespace: company.team
            tasks:
              - id: own
                type: io.millrace.core.debug.Return
                format: "{{ secret('API_TOKEN') | length }} {{ secret('DB_PASSWORD') | length }} {{ secret('GLOBAL_TOKEN') | length }}"
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ secret('API_TOKEN') }} {{ secret('DB_PASSWORD') }}"
            """);
        deploy("""
            id: prying
            namespace: company.team
            tasks:
              - id: sibling
                type: io.millrace.core.debug.Return
                format: "{{ secret('OTHER_TOKEN') }}"
            """);
        deploy("""
            id: spoofing
            namespace: company.team
            tasks:
              - id: spoof
                type: io.millrace.core.debug.Return
                format: "{% set flow = {'namespace': 'company.other'} %}{{ secret('OTHER_TOKEN') }}"
            """);
        deploy("""
            id: dotted
            namespace: company
            tasks:
              - id: child
                type: io.millrace.core.debug.Return
                format: "{{ secret('team.API_TOKEN') }}"
            """);

        Execution own = harness.run("company.team", "reader", Map.of());
        Execution sibling = harness.run("company.team", "prying", Map.of());
        Execution spoof = harness.run("company.team", "spoofing", Map.of());
        Execution child = harness.run("company", "dotted", Map.of());

        assertThat(own.status()).isEqualTo(SUCCESS);
        assertThat(own.taskRun("own").outputs()).containsEntry("value", "16 15 18");
        assertThat(messages(own)).contains("****** ******");
        assertThat(sibling.status()).isEqualTo(FAILED);
        assertThat(sibling.taskRun("sibling").error())
            .contains("secret 'OTHER_TOKEN' not found for namespace company.team")
            .doesNotContain("sibling-t0ken-value");
        assertThat(spoof.status()).isEqualTo(FAILED);
        assertThat(spoof.taskRun("spoof").error()).contains("not found for namespace company.team");
        assertThat(child.status()).isEqualTo(FAILED);
        assertThat(child.taskRun("child").error()).doesNotContain("team-t0ken-value");
    }

    /** The clear value and the forms a filter makes of it. */
    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, secret.toUpperCase(Locale.ROOT), Base64.getEncoder().encodeToString(bytes),
            URLEncoder.encode(secret, StandardCharsets.UTF_8), "hunter2");
    }
}
