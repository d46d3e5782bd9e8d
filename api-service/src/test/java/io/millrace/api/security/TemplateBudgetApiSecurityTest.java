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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An input whose default is a template that never ends, rendered by the api when an execution is
 * created: over real HTTP, the request fails with a 422 naming the deadline, quickly, and the api
 * keeps answering even while several such requests run at once.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class TemplateBudgetApiSecurityTest {

    private static final String ENDLESS = "{% for i in range(1, 1000000) %}{% for j in range(1, 1000000) %}"
        + "{{ i ~ j }}{% endfor %}{% endfor %}";

    private static ApiServer api;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        api = new ApiServer(bootstrap, "millrace.templates.timeout=1s");
        Answer created = api.postYaml("/api/v1/flows", """
            id: endless
            namespace: security.templates
            inputs:
              - id: name
                type: STRING
                defaults: "%s"
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: "{{ inputs.name }}"
            """.formatted(ENDLESS));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static Answer trigger() {
        return api.send("POST", "/api/v1/executions/security.templates/endless", null, null);
    }

    @Test
    void aNeverEndingDefaultFailsTheRequestAtTheDeadline() {
        long start = System.nanoTime();

        Answer answer = trigger();

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("the template took longer than 1s").doesNotContain("Exception", "\tat ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theApiKeepsAnsweringWhileSuchRequestsRun() throws Exception {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            List<CompletableFuture<Answer>> running = IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.supplyAsync(TemplateBudgetApiSecurityTest::trigger, callers))
                .toList();

            assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/flows/security.templates/endless").status()).isEqualTo(200);
            for (CompletableFuture<Answer> answer : running) {
                assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(422);
            }
            // five renders of one second each on a two-core machine: well under the time of one
            // endless render, which is for ever
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
        assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
    }
}
