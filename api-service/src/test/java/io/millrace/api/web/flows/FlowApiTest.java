package io.millrace.api.web.flows;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
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

/** The flow endpoints over real HTTP, writing to and reading from a real broker. */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class FlowApiTest {

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

    private static String flow(String namespace, String id, String message) {
        return """
            id: %s
            namespace: %s
            labels:
              team: data
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: %s
            """.formatted(id, namespace, message);
    }

    @Test
    void aFlowGoesThroughItsRevisions() {
        Answer created = api.postYaml("/api/v1/flows", flow("company.team", "life", "one"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("revision").asInt()).isEqualTo(1);
        assertThat(created.json().get("labels").get(0).get("key").asString()).isEqualTo("team");
        assertThat(created.json().get("tasks").get(0).get("id").asString()).isEqualTo("hello");

        Answer again = api.postYaml("/api/v1/flows", flow("company.team", "life", "one"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asString()).contains("already exists");

        assertThat(api.putYaml("/api/v1/flows/company.team/life", flow("company.team", "life", "one"))
            .json().get("revision").asInt()).as("an unchanged source keeps its revision").isEqualTo(1);
        assertThat(api.putYaml("/api/v1/flows/company.team/life", flow("company.team", "life", "two"))
            .json().get("revision").asInt()).isEqualTo(2);

        JsonNode latest = api.get("/api/v1/flows/company.team/life?source=true").json();
        assertThat(latest.get("revision").asInt()).isEqualTo(2);
        assertThat(latest.get("source").asString()).contains("message: two");
        Answer yaml = api.get("/api/v1/flows/company.team/life", "Accept", "application/x-yaml");
        assertThat(yaml.contentType()).startsWith("application/x-yaml");
        assertThat(yaml.body()).isEqualTo(flow("company.team", "life", "two"));
        assertThat(api.get("/api/v1/flows/company.team/life?revision=1&source=true").json().get("source").asString())
            .contains("message: one");
        assertThat(api.get("/api/v1/flows/company.team/life/revisions").json()).hasSize(2);

        assertThat(api.send("DELETE", "/api/v1/flows/company.team/life", null, null).status()).isEqualTo(204);
        Answer gone = api.get("/api/v1/flows/company.team/life");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("message").asString()).isEqualTo("flow company.team.life does not exist");
        assertThat(api.putYaml("/api/v1/flows/company.team/life", flow("company.team", "life", "three")).status())
            .isEqualTo(404);

        Answer recreated = api.postYaml("/api/v1/flows", flow("company.team", "life", "three"));
        assertThat(recreated.json().get("revision").asInt()).as("revisions go on after a deletion").isEqualTo(4);
    }

    @Test
    void anInvalidFlowIsRefusedWithTheLineAndColumnOfEachProblem() {
        Answer bad = api.postYaml("/api/v1/flows", """
            id: broken
            namespace: company.team
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Lgo
                message: hi
            """);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("message").asString()).startsWith("invalid flow: line 5");
        JsonNode detail = bad.json().get("details").get(0);
        assertThat(detail.get("line").asInt()).isEqualTo(5);
        assertThat(detail.get("column").asInt()).isPositive();
        assertThat(detail.get("message").asString()).contains("io.kestra.plugin.core.log.Log");
        assertThat(bad.body()).doesNotContain("Exception", "at io.millrace");

        assertThat(api.postYaml("/api/v1/flows", "").status()).isEqualTo(422);
        assertThat(api.putYaml("/api/v1/flows/company.team/other", flow("company.team", "life", "x")).status())
            .isEqualTo(422);
        assertThat(api.send("POST", "/api/v1/flows", "application/json", "{}").status()).isEqualTo(415);
    }

    @Test
    void validateAnswersForEachDocumentWithoutDeploying() {
        Answer answer = api.postYaml("/api/v1/flows/validate", flow("company.check", "good", "ok") + "---\n"
            + "id: bad\nnamespace: company.check\ntasks: []\nunknownField: 1\n");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode results = answer.json();
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("valid").asBoolean()).isTrue();
        assertThat(results.get(1).get("valid").asBoolean()).isFalse();
        assertThat(results.get(1).get("problems").get(0).get("line").asInt()).isPositive();
        assertThat(api.get("/api/v1/flows/company.check/good").status()).isEqualTo(404);
    }

    @Test
    void aNamespaceIsReplacedByASetOfFilesAndFlowsAbsentFromItAreDeleted() {
        api.postYaml("/api/v1/flows", flow("company.gitops", "stays", "one"));
        api.postYaml("/api/v1/flows", flow("company.gitops", "goes", "one"));

        Answer replaced = api.postYaml("/api/v1/flows/company.gitops",
            flow("company.gitops", "stays", "two") + "---\n" + flow("company.gitops", "new", "one"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/flows/company.gitops/stays").json().get("revision").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/flows/company.gitops/new").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/flows/company.gitops/goes").status()).isEqualTo(404);

        Answer refused = api.postYaml("/api/v1/flows/company.gitops", flow("company.other", "x", "one"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/flows/company.gitops/stays").status()).as("nothing changed").isEqualTo(200);
    }

    @Test
    void searchFiltersByNamespaceAndTextAndPages() {
        api.postYaml("/api/v1/flows", flow("search.a", "alpha", "needle"));
        api.postYaml("/api/v1/flows", flow("search.a.sub", "beta", "hay"));
        api.postYaml("/api/v1/flows", flow("search.b", "gamma", "needle"));

        JsonNode underA = api.get("/api/v1/flows/search?namespace=search.a").json();
        assertThat(underA.get("total").asInt()).isEqualTo(2);
        assertThat(ids(underA)).containsExactly("alpha", "beta");
        assertThat(ids(api.get("/api/v1/flows/search?namespace=search&q=needle").json())).containsExactly("alpha", "gamma");
        JsonNode page2 = api.get("/api/v1/flows/search?namespace=search&size=2&page=2&sort=id:desc").json();
        assertThat(page2.get("total").asInt()).isEqualTo(3);
        assertThat(ids(page2)).containsExactly("alpha");
        assertThat(api.get("/api/v1/flows/search?sort=color:asc").status()).isEqualTo(422);
    }

    @Test
    void healthSaysKafkaAndTheSearchStoreAnswer() {
        Answer health = api.get("/api/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").get("kafka").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").get("search").asString()).isEqualTo("UP");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("results").forEach(r -> ids.add(r.get("id").asString()));
        return ids;
    }
}
