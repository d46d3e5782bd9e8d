package io.millrace.triggers;

import io.millrace.model.Flow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

class TriggerIndexTest {

    private static final Instant END = Instant.parse("2024-06-01T10:05:00Z");

    @Test
    void anEndOnlyMeetsTheTriggersThatNameItsFlowOrNamespaceAmongThousandsOfFlows() {
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            flows.add(TriggerFlows.parse(listenerOf("listener-" + i, "team" + (i % 50), "upstream-" + i)));
        }
        flows.add(TriggerFlows.parse(TriggerFlows.AUDIT));
        TriggerIndex index = TriggerIndex.of(flows);

        assertThat(index.listenerCount()).isEqualTo(2_001);
        assertThat(index.unindexedCount()).isZero();
        assertThat(index.candidates(EndedExecutions.of("team7", "upstream-7").endedHeader(SUCCESS, END)))
            .extracting(l -> l.flow().id()).containsExactly("listener-7");
        assertThat(index.candidates(EndedExecutions.of("company.data", "ingest").endedHeader(SUCCESS, END)))
            .extracting(l -> l.flow().id()).containsExactly("audit");
        assertThat(index.candidates(EndedExecutions.of("elsewhere", "x").endedHeader(SUCCESS, END))).isEmpty();
    }

    @Test
    void triggersWithoutFlowOrEqualNamespaceConditionsAreTriedForEveryEnd() {
        TriggerIndex index = TriggerMatcherTest.index(TriggerFlows.BOTH_LOADED, """
            id: any-prod
            namespace: ops
            tasks:
              - id: only
                type: io.kestra.plugin.core.debug.Return
                format: x
            triggers:
              - id: t
                type: io.millrace.core.trigger.Flow
                conditions:
                  - type: io.millrace.core.condition.ExecutionNamespace
                    namespace: prod
                    comparison: PREFIX
            """);

        assertThat(index.unindexedCount()).isEqualTo(2);
        assertThat(index.candidates(EndedExecutions.of("anything", "x").endedHeader(SUCCESS, END))).hasSize(2);
    }

    @Test
    void flowsWithoutFlowTriggersListenToNothingButAreKnown() {
        TriggerIndex index = TriggerMatcherTest.index(TriggerFlows.INGEST);

        assertThat(index.listenerCount()).isZero();
        assertThat(index.flow("company.data", "ingest")).isNotNull();
        assertThat(index.flow("company.data", "nope")).isNull();
    }

    private static String listenerOf(String id, String namespace, String upstream) {
        return """
            id: %s
            namespace: %s
            tasks:
              - id: only
                type: io.kestra.plugin.core.debug.Return
                format: x
            triggers:
              - id: after
                type: io.millrace.core.trigger.Flow
                conditions:
                  - type: io.millrace.core.condition.ExecutionFlow
                    namespace: %s
                    flowId: %s
            """.formatted(id, namespace, namespace, upstream);
    }
}
