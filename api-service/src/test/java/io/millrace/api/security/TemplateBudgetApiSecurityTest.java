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
        + "{% set k = i ~ j %}{% endfor %}{% endfor %}";

    private static ApiServer api;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        // requests on virtual threads, as every api serves them (ApiApplication.DEFAULTS)
        api = new ApiServer(bootstrap, "millrace.templates.timeout=1s", "spring.threads.virtual.enabled=true");
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
        // the callers on platform threads of their own, so that only the api's threads share the carriers
        try (ExecutorService callers = Executors.newFixedThreadPool(5)) {
            long start = System.nanoTime();
            List<CompletableFuture<Answer>> running = IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.supplyAsync(TemplateBudgetApiSecurityTest::trigger, callers))
                .toList();

            // renders run on platform threads, which the system preempts: while five compute until their
            // deadline, a request served on a virtual thread still finds a carrier at once
            // (a flow read from the api's own memory: health would ask the search node, whose threads
            // compete for the same two cores)
            Thread.sleep(300);
            long asked = System.nanoTime();
            assertThat(api.get("/api/v1/flows/security.templates/endless").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofMillis(500));
            assertThat(running).as("the renders were still running when the flow was read")
                .anyMatch(answer -> !answer.isDone());
            assertThat(api.get("/api/v1/health").status()).isEqualTo(200);
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
