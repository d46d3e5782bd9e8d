package io.millrace.api.security;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a prober's odd requests get back, over real HTTP: a clear JSON refusal naming what is wrong, never
 * a 500, a Java type, a class name of the template engine or Spring's default error body.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class ErrorAnswersSecurityTest {

    private static ApiServer api;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        api = new ApiServer(bootstrap);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aParameterOfTheWrongTypeIsA400NamingIt() {
        Answer answer = api.get("/api/v1/executions/search?size=abc");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("message").asString())
            .isEqualTo("parameter 'size' must be a whole number, not 'abc'");
    }

    @Test
    void anIdNoExecutionCouldHaveIsA404() {
        for (String id : new String[] {"x".repeat(5000), "a%20b", "a$b"}) {
            Answer answer = api.get("/api/v1/executions/" + id);

            assertThat(answer.status()).as(id + ": " + answer.body()).isEqualTo(404);
            assertThat(answer.json().path("message").asString()).contains("does not exist");
        }
    }

    @Test
    void theErrorPageAskedForDirectlyIsAJson404() {
        Answer answer = api.get("/error");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"message\":\"no such endpoint\"}");
    }

    @Test
    void aBodyOfTheWrongShapeSaysSoWithoutJavaTypes() {
        Answer answer = api.send("PUT", "/api/v1/triggers", "application/json", "[[[1]]]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asString()).startsWith("the request body cannot be read")
            .doesNotContain("java.").doesNotContain("JsonToken").doesNotContain("LinkedHashMap");
    }

    @Test
    void aTemplateReachingForTheEngineNamesNoClass() {
        String flow = """
            id: context
            namespace: sec.errors
            inputs:
              - id: x
                type: STRING
                defaults: "{{ _context }}"
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ inputs.x }}"
            """;
        assertThat(api.postYaml("/api/v1/flows", flow).status()).isEqualTo(200);

        Answer answer = api.send("POST", "/api/v1/executions/sec.errors/context", "multipart/form-data; boundary=b",
            "--b--\r\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("an internal object is not a value a template can use")
            .doesNotContain("GlobalContext").doesNotContain("@").doesNotContain("pebble");
    }
}
