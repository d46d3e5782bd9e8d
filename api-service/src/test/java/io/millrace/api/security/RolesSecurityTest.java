package io.millrace.api.security;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
import io.millrace.api.store.ExecutionStore;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.State;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.util.Ids;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Roles and namespaces over real HTTP: each role allowed and refused on representative endpoints, a
 * namespace-restricted caller kept to its namespaces (searches included), and every endpoint declaring
 * what it needs.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class RolesSecurityTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static ApiServer api;
    private static String readerToken;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        // a low bcrypt cost: the test makes many basic-auth requests
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        String[] reader = ApiTokens.newToken();
        readerToken = reader[0];
        api = new ApiServer(bootstrap,
            "millrace.indexer.flush-interval=100ms",
            "millrace.security.enabled=true",
            "millrace.security.login-attempts.max-failures=1000",
            "millrace.security.users[0].username=root",
            "millrace.security.users[0].password=" + hash,
            "millrace.security.users[0].roles[0]=admin",
            "millrace.security.users[1].username=legacy",
            "millrace.security.users[1].password=" + hash,
            "millrace.security.users[2].username=dev",
            "millrace.security.users[2].password=" + hash,
            "millrace.security.users[2].roles[0]=developer",
            "millrace.security.users[2].namespaces[0]=team-a.",
            "millrace.security.users[3].username=ops",
            "millrace.security.users[3].password=" + hash,
            "millrace.security.users[3].roles[0]=viewer",
            "millrace.security.users[3].roles[1]=operator",
            "millrace.security.users[3].namespaces[0]=team-a",
            "millrace.security.users[4].username=view",
            "millrace.security.users[4].password=" + hash,
            "millrace.security.users[4].roles[0]=viewer",
            "millrace.security.users[4].namespaces[0]=team-a",
            "millrace.security.users[5].username=admin-b",
            "millrace.security.users[5].password=" + hash,
            "millrace.security.users[5].roles[0]=admin",
            "millrace.security.users[5].namespaces[0]=team-b",
            "millrace.security.tokens[0].name=reader",
            "millrace.security.tokens[0].hash=" + reader[1],
            "millrace.security.tokens[0].roles[0]=viewer");
        KafkaClients kafka = api.context().getBean(KafkaClients.class);
        producer = new KafkaProducer<>(kafka.producer("roles-security-test"), new StringSerializer(), new ByteArraySerializer());
        for (String ns : List.of("team-a", "team-a.etl", "team-ab", "team-b")) {
            assertThat(as("root", "POST", "/api/v1/flows", flow(ns, "hello")).status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (api != null) {
            api.close();
        }
    }

    // ---- fixtures

    private static String flow(String namespace, String id) {
        return "id: " + id + "\nnamespace: " + namespace
            + "\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
    }

    private static Answer as(String user, String method, String path, String yaml) {
        return api.send(method, path, yaml == null ? null : "application/x-yaml", yaml, "Authorization", basic(user));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Executions written to {@code executions} as the executor would, once the api's store has them all. */
    private static List<String> executions(ExecutionStatus status, String... namespaces) {
        String topic = api.context().getBean(KafkaClients.class).topic(Topic.EXECUTIONS);
        List<String> ids = new ArrayList<>();
        for (String ns : namespaces) {
            String id = Ids.random();
            ExecutionHeader header = new ExecutionHeader(id, ns, "hello", 1, State.of(status, Instant.now()), Map.of(),
                List.of(), null, null, null, id, 1, null, null, 0);
            producer.send(new ProducerRecord<>(topic, id, VersionedJsonSerde.<ExecutionHeader>of(Topic.EXECUTIONS)
                .serialize(topic, header)));
            ids.add(id);
        }
        producer.flush();
        ExecutionStore store = api.context().getBean(ExecutionStore.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> store.find(id).isPresent()));
        return ids;
    }

    /** {@code name} of every result of a search answer. */
    private static List<String> field(Answer search, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode result : search.json().path("results")) {
            values.add(result.path(name).asString());
        }
        return values;
    }

    private static void assertRefused(Answer answer, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.json().path("message").asString()).isEqualTo(message);
        assertThat(answer.json().path("status").asInt()).isEqualTo(403);
    }

    // ---- roles

    @Test
    void aViewerReadsButCannotCreateAFlow() {
        assertThat(as("view", "GET", "/api/v1/flows/team-a/hello", null).status()).isEqualTo(200);
        assertThat(as("view", "GET", "/api/v1/plugins", null).status()).isEqualTo(200);
        assertRefused(as("view", "POST", "/api/v1/flows", flow("team-a", "nope")),
            "role viewer may not create flows (needs developer)");
        assertRefused(as("view", "DELETE", "/api/v1/flows/team-a/hello", null),
            "role viewer may not delete flows in namespace team-a (needs developer)");
        assertRefused(api.send("POST", "/api/v1/executions/team-a/hello", null, null, "Authorization", "Bearer " + readerToken),
            "role viewer may not run flows in namespace team-a (needs operator)");
        assertThat(as("root", "GET", "/api/v1/flows/team-a/nope", null).status()).as("nothing was written").isEqualTo(404);
    }

    @Test
    void anOperatorRunsAndKillsButCannotDeploy() {
        Answer run = as("ops", "POST", "/api/v1/executions/team-a/hello", null);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertRefused(as("ops", "POST", "/api/v1/flows", flow("team-a", "by-ops")),
            "role operator may not create flows (needs developer)");
        assertRefused(as("ops", "PUT", "/api/v1/flows/team-a/hello", flow("team-a", "hello")),
            "role operator may not update flows in namespace team-a (needs developer)");
        assertRefused(as("ops", "POST", "/api/v1/executions/team-b/hello", null),
            "ops may not run flows in namespace team-b (its namespaces: team-a)");

        List<String> running = executions(ExecutionStatus.RUNNING, "team-a.etl", "team-b");
        assertThat(as("ops", "DELETE", "/api/v1/executions/" + running.get(0) + "/kill", null).status()).isEqualTo(202);
        assertRefused(as("ops", "DELETE", "/api/v1/executions/" + running.get(1) + "/kill", null),
            "ops may not kill executions: execution " + running.get(1) + " is outside its namespaces (team-a)");
        assertRefused(as("ops", "DELETE", "/api/v1/executions/" + running.get(0), null),
            "role operator may not delete executions (needs developer)");
    }

    @Test
    void aDeveloperDeploysInItsNamespacesOnly() {
        assertThat(as("dev", "POST", "/api/v1/flows", flow("team-a.etl", "by-dev")).status()).isEqualTo(200);
        assertThat(as("dev", "PUT", "/api/v1/flows/team-a.etl/by-dev", flow("team-a.etl", "by-dev")).status())
            .isEqualTo(200);
        assertRefused(as("dev", "POST", "/api/v1/flows", flow("team-b", "by-dev")),
            "dev may not create flows in namespace team-b (its namespaces: team-a)");
        assertRefused(as("dev", "POST", "/api/v1/flows", flow("team-ab", "by-dev")),
            "dev may not create flows in namespace team-ab (its namespaces: team-a)");
        assertRefused(as("dev", "DELETE", "/api/v1/flows/team-b/hello", null),
            "dev may not delete flows in namespace team-b (its namespaces: team-a)");
        assertRefused(as("dev", "GET", "/api/v1/flows/team-b/hello", null),
            "dev may not read flows in namespace team-b (its namespaces: team-a)");
        // replacing a namespace's flows deletes the others: an admin's; adding them without deleting, a developer's
        assertRefused(as("dev", "POST", "/api/v1/flows/team-a.etl", flow("team-a.etl", "by-dev")),
            "role developer may not replace every flow of a namespace (delete=true; delete=false needs developer)"
                + " in namespace team-a.etl (needs admin)");
        assertThat(as("dev", "POST", "/api/v1/flows/team-a.etl?delete=false", flow("team-a.etl", "by-dev")).status())
            .isEqualTo(200);
        assertThat(as("root", "GET", "/api/v1/flows/team-b/by-dev", null).status()).isEqualTo(404);
    }

    @Test
    void anAdminDoesEverythingAndAnAdminOfANamespaceEverythingThere() {
        assertThat(as("root", "POST", "/api/v1/flows/team-b", flow("team-b", "hello")).status()).isEqualTo(200);
        assertThat(as("root", "POST", "/api/v1/executions/team-b/hello", null).status()).isEqualTo(200);
        assertThat(as("root", "POST", "/api/v1/triggers/team-b/hello/none/unlock", null).status())
            .as("let in: the trigger does not exist").isEqualTo(404);
        assertThat(as("legacy", "POST", "/api/v1/flows", flow("team-c", "by-legacy")).status())
            .as("a user configured without roles keeps every right").isEqualTo(200);

        assertThat(as("admin-b", "POST", "/api/v1/flows/team-b", flow("team-b", "hello")).status()).isEqualTo(200);
        assertRefused(as("admin-b", "POST", "/api/v1/triggers/team-a/hello/none/unlock", null),
            "admin-b may not unlock triggers in namespace team-a (its namespaces: team-b)");
        assertRefused(as("ops", "POST", "/api/v1/triggers/team-a/hello/none/unlock", null),
            "role operator may not unlock triggers in namespace team-a (needs admin)");
    }

    @Test
    void triggerChangesNamedInTheBodyAreCheckedAgainstTheirNamespaces() {
        String body = "{\"namespace\":\"%s\",\"flowId\":\"hello\",\"triggerId\":\"none\",\"disabled\":true}";
        Answer inTeamA = api.send("PUT", "/api/v1/triggers", "application/json", body.formatted("team-a"),
            "Authorization", basic("ops"));
        assertThat(inTeamA.status()).as("let in: the flow has no such trigger").isEqualTo(404);
        assertRefused(api.send("PUT", "/api/v1/triggers", "application/json", body.formatted("team-b"),
            "Authorization", basic("ops")), "ops may not change triggers in namespace team-b (its namespaces: team-a)");
        assertRefused(api.send("POST", "/api/v1/triggers/backfill/pause/by-triggers", "application/json",
                "[{\"namespace\":\"team-a\",\"flowId\":\"hello\",\"triggerId\":\"t\"},"
                    + "{\"namespace\":\"team-b\",\"flowId\":\"hello\",\"triggerId\":\"t\"}]", "Authorization", basic("ops")),
            "ops may not backfill triggers in namespace team-b (its namespaces: team-a)");
        assertRefused(api.send("PUT", "/api/v1/triggers", "application/json", body.formatted("team-a"),
            "Authorization", basic("view")), "role viewer may not change triggers (needs operator)");
    }

    // ---- searches

    @Test
    void searchesKeepToTheCallersNamespaces() {
        List<String> ids = executions(ExecutionStatus.SUCCESS, "team-a", "team-a.etl", "team-ab", "team-b");
        Map<String, String> namespaceOf = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            namespaceOf.put(ids.get(i), List.of("team-a", "team-a.etl", "team-ab", "team-b").get(i));
        }

        // a search sees a document once the store refreshes its index, a moment after a look-up by id does
        Answer mine = await().atMost(Duration.ofSeconds(30)).until(
            () -> as("view", "GET", "/api/v1/executions/search?size=100", null),
            a -> a.status() == 200 && field(a, "id").containsAll(ids.subList(0, 2)));
        List<String> found = new ArrayList<>();
        for (JsonNode e : mine.json().path("results")) {
            found.add(e.path("id").asString());
            assertThat(e.path("namespace").asString()).matches("team-a(\\..*)?");
        }
        assertThat(found).contains(ids.get(0), ids.get(1)).doesNotContain(ids.get(2), ids.get(3));
        assertThat(mine.json().path("total").asLong()).isEqualTo(found.size());

        Answer asked = as("view", "GET", "/api/v1/executions/search?namespace=team-b", null);
        assertThat(asked.json().path("total").asLong()).as("another namespace asked for: nothing").isZero();
        Answer narrowed = as("view", "GET", "/api/v1/executions/search?namespace=team-a.etl&size=100", null);
        assertThat(field(narrowed, "id"))
            .contains(ids.get(1)).doesNotContain(ids.get(0));

        Answer everything = api.get("/api/v1/executions/search?size=100", "Authorization", "Bearer " + readerToken);
        assertThat(field(everything, "id"))
            .as("a viewer of every namespace").containsAll(namespaceOf.keySet());

        Answer flows = as("view", "GET", "/api/v1/flows/search?size=100", null);
        assertThat(field(flows, "namespace"))
            .contains("team-a", "team-a.etl").doesNotContain("team-ab", "team-b");
        assertThat(as("view", "GET", "/api/v1/triggers/search?namespace=team-b", null).json().path("total").asLong())
            .isZero();
        assertThat(as("view", "GET", "/api/v1/logs/search?namespace=team-b", null).status()).isEqualTo(200);

        assertThat(as("view", "GET", "/api/v1/executions/" + ids.get(0), null).status()).isEqualTo(200);
        assertRefused(as("view", "GET", "/api/v1/executions/" + ids.get(3), null),
            "view may not read executions: execution " + ids.get(3) + " is outside its namespaces (team-a)");
        assertThat(as("view", "GET", "/api/v1/logs/" + ids.get(3), null).status()).isEqualTo(403);
        assertThat(as("view", "GET", "/api/v1/executions/" + Ids.random(), null).status()).isEqualTo(404);
    }

    // ---- declarations

    @Test
    void everyEndpointDeclaresWhatItNeeds() {
        Map<Object, HandlerMethod> handlers = new HashMap<>();
        api.context().getBeansOfType(RequestMappingHandlerMapping.class).values()
            .forEach(m -> handlers.putAll(m.getHandlerMethods()));
        long ours = handlers.values().stream()
            .filter(h -> h.getBeanType().getName().startsWith(PermissionInterceptor.API_PACKAGE)).count();
        assertThat(ours).as("the api's endpoints were found").isGreaterThan(40);
        assertThat(PermissionInterceptor.problems(handlers)).isEmpty();
    }

    @Test
    void anEndpointWithoutADeclarationIsReportedAndRefused() throws NoSuchMethodException {
        HandlerMethod undeclared = new HandlerMethod(new Undeclared(), Undeclared.class.getMethod("handle"));
        assertThat(PermissionInterceptor.problems(Map.of("GET /undeclared", undeclared)))
            .containsExactly("Undeclared.handle GET /undeclared declares neither @Permission nor @OpenEndpoint");
    }

    /** An endpoint someone forgot to declare a permission on. */
    static final class Undeclared {
        public String handle() {
            return "";
        }
    }
}
