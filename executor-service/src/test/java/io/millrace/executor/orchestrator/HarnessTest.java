package io.millrace.executor.orchestrator;

import io.millrace.executor.local.FlowHarness;
import io.millrace.model.Flow;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.LogEntry;
import io.millrace.serde.FlowParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Base of the orchestrator scenario tests: a {@link FlowHarness} on a virtual clock with every flow
 * of {@code src/test/resources/flows} deployed, and helpers that read as given / when / then.
 */
abstract class HarnessTest {

    static final String NS = "millrace.tests";
    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    protected FlowHarness harness;

    @BeforeEach
    void startHarness() {
        harness = FlowHarness.builder()
            .virtualTime(START)
            .secrets((namespace, key) -> "API_TOKEN".equals(key) ? Optional.of("s3cr3t-value") : Optional.empty())
            .build();
        for (Flow f : TestFlows.all()) {
            harness.deploy(f);
        }
    }

    @AfterEach
    void stopHarness() {
        harness.close();
    }

    protected Execution run(String flowId) {
        return run(flowId, Map.of());
    }

    protected Execution run(String flowId, Map<String, Object> inputs) {
        return harness.run(NS, flowId, inputs);
    }

    protected List<String> messages(Execution e) {
        return harness.logs(e.id()).stream().map(LogEntry::message).toList();
    }

    /** The flows under test resources, parsed once. */
    static final class TestFlows {
        private static List<Flow> flows;

        static synchronized List<Flow> all() {
            if (flows == null) {
                try {
                    Path dir = Path.of(TestFlows.class.getResource("/flows").toURI());
                    try (Stream<Path> files = Files.list(dir)) {
                        FlowParser parser = new FlowParser();
                        flows = files.filter(p -> p.toString().endsWith(".yaml")).sorted()
                            .map(p -> parser.parse(read(p))).toList();
                    }
                } catch (IOException | URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return flows;
        }

        static String read(Path p) {
            try (InputStream in = Files.newInputStream(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
