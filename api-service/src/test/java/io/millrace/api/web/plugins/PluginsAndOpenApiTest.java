package io.millrace.api.web.plugins;

import io.millrace.api.ApiServer;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plugin catalogue and the OpenAPI description over real HTTP. */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class PluginsAndOpenApiTest {

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
    void theListGroupsEveryTypeByPackage() {
        ApiServer.Answer list = api.get("/api/v1/plugins");
        assertThat(list.status()).isEqualTo(200);
        List<String> tasks = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        for (JsonNode group : list.json()) {
            group.path("tasks").forEach(t -> tasks.add(t.asString()));
            group.path("triggers").forEach(t -> triggers.add(t.asString()));
        }
        assertThat(tasks).contains("io.millrace.core.flow.Parallel");
        assertThat(triggers).isNotEmpty();
    }

    @Test
    void aTypeByItsKestraNameHasItsSchema() {
        ApiServer.Answer log = api.get("/api/v1/plugins/io.kestra.plugin.core.log.Log");
        assertThat(log.status()).isEqualTo(200);
        JsonNode body = log.json();
        assertThat(body.path("kind").asString()).isEqualTo("task");
        assertThat(body.path("aliases").toString()).contains("io.kestra.plugin.core.log.Log");
        assertThat(body.path("schema").path("properties").has("message")).isTrue();
        assertThat(body.path("schema").path("required").toString()).contains("id");
        assertThat(body.path("markdown").asString()).contains("```yaml");

        JsonNode parallel = api.get("/api/v1/plugins/io.millrace.core.flow.Parallel").json();
        assertThat(parallel.path("schema").path("properties").path("tasks").path("items").path("$ref").asString())
            .isEqualTo("#/$defs/task");
        assertThat(parallel.path("schema").path("$defs").has("task")).as("its children's definitions come along").isTrue();
    }

    @Test
    void anUnknownTypeIsA404WithNearNames() {
        ApiServer.Answer unknown = api.get("/api/v1/plugins/io.kestra.plugin.core.log.Logg");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asString()).contains("did you mean").contains("io.kestra.plugin.core.log.Log");
    }

    @Test
    void theFlowSchemaAndTheOpenApiDescriptionAreServed() {
        ApiServer.Answer schema = api.get("/api/v1/plugins/schemas/flow");
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.json().path("$defs").has("task")).isTrue();

        ApiServer.Answer docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/api/v1/flows")).isTrue();
        assertThat(paths.has("/api/v1/executions/{namespace}/{id}")).isTrue();
        assertThat(paths.has("/api/v1/logs/{executionId}")).isTrue();
        assertThat(paths.has("/api/v1/triggers/search")).isTrue();
        assertThat(paths.has("/api/v1/plugins/{type}")).isTrue();
        assertThat(docs.json().path("components").path("securitySchemes").has("token")).isTrue();

        ApiServer.Answer ui = api.get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
