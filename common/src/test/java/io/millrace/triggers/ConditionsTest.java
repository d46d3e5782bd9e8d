package io.millrace.triggers;

import io.millrace.model.condition.Condition;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.trigger.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.KILLED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static io.millrace.model.execution.ExecutionStatus.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionsTest {

    private static final Instant END = Instant.parse("2024-06-01T10:05:00Z");

    @Test
    void executionStatusAcceptsTheStatesListedInAndRejectsThoseInNotIn() {
        Condition in = condition("""
            - type: io.kestra.plugin.core.condition.ExecutionStatus
              in: [SUCCESS, WARNING]
            """);
        assertThat(Conditions.holds(in, ended("company.data", "ingest", SUCCESS))).isTrue();
        assertThat(Conditions.holds(in, ended("company.data", "ingest", WARNING))).isTrue();
        assertThat(Conditions.holds(in, ended("company.data", "ingest", FAILED))).isFalse();

        Condition notIn = condition("""
            - type: io.kestra.plugin.core.condition.ExecutionStatusCondition
              notIn: [SUCCESS]
            """);
        assertThat(Conditions.holds(notIn, ended("company.data", "ingest", FAILED))).isTrue();
        assertThat(Conditions.holds(notIn, ended("company.data", "ingest", SUCCESS))).isFalse();

        Condition both = condition("""
            - type: io.millrace.core.condition.ExecutionStatus
              in: [FAILED, KILLED]
              notIn: [KILLED]
            """);
        assertThat(Conditions.holds(both, ended("company.data", "ingest", FAILED))).isTrue();
        assertThat(Conditions.holds(both, ended("company.data", "ingest", KILLED))).isFalse();
    }

    @Test
    void executionFlowNeedsBothTheNamespaceAndTheFlowId() {
        Condition c = condition("""
            - type: io.kestra.plugin.core.condition.ExecutionFlow
              namespace: company.data
              flowId: ingest
            """);
        assertThat(Conditions.holds(c, ended("company.data", "ingest", SUCCESS))).isTrue();
        assertThat(Conditions.holds(c, ended("company.data", "other", SUCCESS))).isFalse();
        assertThat(Conditions.holds(c, ended("company.other", "ingest", SUCCESS))).isFalse();
    }

    @Test
    void executionNamespaceComparesEqualsPrefixOrSuffix() {
        Condition equals = condition("""
            - type: io.kestra.plugin.core.condition.ExecutionNamespace
              namespace: company.data
            """);
        assertThat(Conditions.holds(equals, ended("company.data", "f", SUCCESS))).isTrue();
        assertThat(Conditions.holds(equals, ended("company.data.raw", "f", SUCCESS))).isFalse();

        Condition prefix = condition("""
            - type: io.kestra.plugin.core.condition.ExecutionNamespace
              namespace: company
              comparison: PREFIX
            """);
        assertThat(Conditions.holds(prefix, ended("company.data.raw", "f", SUCCESS))).isTrue();
        assertThat(Conditions.holds(prefix, ended("acme.company", "f", SUCCESS))).isFalse();

        Condition olderPrefix = condition("""
            - type: io.kestra.core.models.conditions.types.ExecutionNamespaceCondition
              namespace: company
              prefix: true
            """);
        assertThat(Conditions.holds(olderPrefix, ended("company.team", "f", SUCCESS))).isTrue();
        assertThat(Conditions.holds(olderPrefix, ended("other", "f", SUCCESS))).isFalse();

        Condition suffix = condition("""
            - type: io.kestra.plugin.core.condition.ExecutionNamespace
              namespace: .prod
              comparison: SUFFIX
            """);
        assertThat(Conditions.holds(suffix, ended("company.data.prod", "f", SUCCESS))).isTrue();
        assertThat(Conditions.holds(suffix, ended("company.data.dev", "f", SUCCESS))).isFalse();
    }

    @Test
    void executionLabelsNeedsEveryGivenLabelWithItsValue() {
        Condition c = condition("""
            - type: io.kestra.plugin.core.condition.ExecutionLabels
              labels:
                team: data
                env: prod
            """);
        ExecutionHeader all = EndedExecutions.of("ns", "f").label("team", "data").label("env", "prod")
            .label("extra", "x").endedHeader(SUCCESS, END);
        ExecutionHeader oneMissing = EndedExecutions.of("ns", "f").label("team", "data").endedHeader(SUCCESS, END);
        ExecutionHeader otherValue = EndedExecutions.of("ns", "f").label("team", "data").label("env", "dev")
            .endedHeader(SUCCESS, END);
        assertThat(Conditions.holds(c, all)).isTrue();
        assertThat(Conditions.holds(c, oneMissing)).isFalse();
        assertThat(Conditions.holds(c, otherValue)).isFalse();
    }

    @Test
    void aMultipleConditionIsNotASimpleCondition() {
        Condition multiple = condition("""
            - id: both
              type: io.kestra.plugin.core.condition.MultipleCondition
              conditions:
                a:
                  type: io.kestra.plugin.core.condition.ExecutionFlow
                  namespace: company.data
                  flowId: a
            """);
        assertThatThrownBy(() -> Conditions.holds(multiple, ended("company.data", "a", SUCCESS)))
            .isInstanceOf(UnsupportedConditionException.class)
            .hasMessageContaining("MultipleCondition");
    }

    private static ExecutionHeader ended(String namespace, String flowId, ExecutionStatus s) {
        return EndedExecutions.of(namespace, flowId).endedHeader(s, END);
    }

    /** The first condition of a Flow trigger whose {@code conditions} list is {@code yaml}. */
    static Condition condition(String yaml) {
        String flow = """
            id: listener
            namespace: test
            tasks:
              - id: only
                type: io.kestra.plugin.core.debug.Return
                format: x
            triggers:
              - id: t
                type: io.millrace.core.trigger.Flow
                conditions:
            """ + yaml.indent(6);
        Trigger t = TriggerFlows.parse(flow).triggers().getFirst();
        return t.conditions().getFirst();
    }
}
