package io.millrace.executor.orchestrator;

import com.sun.net.httpserver.HttpServer;
import io.millrace.model.execution.Execution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/** The runnable task types chained in one flow against a real HTTP server and a real shell. */
class RunnableTasksInFlowsTest extends HarnessTest {

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data", exchange -> {
            byte[] body = "{\"items\":[{\"price\":2.5},{\"price\":4}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void outputsFlowFromTaskToTask() {
        Execution e = run("runnables", Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort()));

        assertThat(e.status()).isEqualTo(SUCCESS);
        assertThat(e.taskRun("http").outputs()).containsEntry("code", 200);
        assertThat(messages(e)).contains("line from shell");
        assertThat(e.taskRun("shell").outputs()).containsEntry("exitCode", 0);
        assertThat(e.taskRun("transform").outputs().get("value")).isEqualTo(6.5);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) e.taskRun("values").outputs().get("values");
        assertThat(values).containsEntry("total", "6.5").containsEntry("code", "200");
    }
}
