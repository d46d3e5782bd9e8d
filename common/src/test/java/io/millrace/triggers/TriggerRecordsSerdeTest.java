package io.millrace.triggers;

import io.millrace.model.execution.ExecutionStatus;
import io.millrace.template.TemplateEngine;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerRecordsSerdeTest {

    @Test
    void aWindowMatchTravelsOnItsTopicUnchanged() {
        WindowMatch match = (WindowMatch) new TriggerMatcher(new TemplateEngine()).match(
            EndedExecutions.of("company.data", "load-a").id("a1").ended(ExecutionStatus.SUCCESS,
                Instant.parse("2024-06-01T10:00:00Z")),
            TriggerMatcherTest.index(TriggerFlows.BOTH_LOADED)).getFirst();
        VersionedJsonSerde<WindowMatch> serde = VersionedJsonSerde.of(Topic.FLOW_TRIGGER_WINDOWS);

        assertThat(serde.deserialize("t", serde.serialize("t", match))).isEqualTo(match);
    }

    @Test
    void windowStatesAreStoredUnchanged() {
        TriggerWindows state = new TriggerWindows(Map.of("multiple", new TriggerWindows.ConditionWindow(
            Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-02T00:00:00Z"), Map.of("flow-a", "a1"))));
        VersionedJsonSerde<TriggerWindows> serde = new VersionedJsonSerde<>(TriggerWindows.class);

        assertThat(serde.deserialize("store", serde.serialize("store", state))).isEqualTo(state);
    }
}
