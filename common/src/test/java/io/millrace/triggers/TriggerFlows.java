package io.millrace.triggers;

import io.millrace.model.Flow;
import io.millrace.serde.FlowParser;

/** Flows written for the trigger tests, parsed as users' YAML is. */
public final class TriggerFlows {

    private static final FlowParser PARSER = new FlowParser();

    /** An upstream flow of namespace {@code company.data} with one Return task {@code only}. */
    public static final String INGEST = """
        id: ingest
        namespace: company.data
        tasks:
          - id: only
            type: io.kestra.plugin.core.debug.Return
            format: "from parents: {{ execution.id }}"
        """;

    /** Listens for SUCCESS of company.data/ingest and forwards its task's output as an input. */
    public static final String REPORT = """
        id: report
        namespace: company.reports
        inputs:
          - id: from-parent
            type: STRING
        tasks:
          - id: print
            type: io.kestra.plugin.core.debug.Return
            format: "childs: {{ inputs['from-parent'] }}"
        triggers:
          - id: listen-flow
            type: io.kestra.plugin.core.trigger.Flow
            inputs:
              from-parent: '{{ outputs.only.value }}'
            conditions:
              - type: io.kestra.plugin.core.condition.ExecutionStatus
                in: [SUCCESS]
              - type: io.kestra.plugin.core.condition.ExecutionFlow
                namespace: company.data
                flowId: ingest
        """;

    /** Listens for every successful end in namespace company.data (including its own flows but itself). */
    public static final String AUDIT = """
        id: audit
        namespace: company.data
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: "{{ trigger.flowId }} ended"
        triggers:
          - id: on-namespace
            type: io.millrace.core.trigger.Flow
            conditions:
              - type: io.millrace.core.condition.ExecutionNamespace
                namespace: company.data
              - type: io.millrace.core.condition.ExecutionStatus
                in: [SUCCESS]
        """;

    /** Runs once both load-a and load-b succeeded within the same day. */
    public static final String BOTH_LOADED = """
        id: both-loaded
        namespace: company.data
        tasks:
          - id: only
            type: io.kestra.plugin.core.debug.Return
            format: "both"
        triggers:
          - id: multiple-listen-flow
            type: io.kestra.plugin.core.trigger.Flow
            conditions:
              - type: io.kestra.plugin.core.condition.ExecutionStatus
                in: [SUCCESS]
              - id: multiple
                type: io.kestra.plugin.core.condition.MultipleCondition
                window: P1D
                windowAdvance: P0D
                conditions:
                  flow-a:
                    type: io.kestra.plugin.core.condition.ExecutionFlow
                    namespace: company.data
                    flowId: load-a
                  flow-b:
                    type: io.kestra.plugin.core.condition.ExecutionFlow
                    namespace: company.data
                    flowId: load-b
        """;

    private TriggerFlows() {
    }

    /** The flow of {@code yaml}; fails the test if it is not valid. */
    public static Flow parse(String yaml) {
        return PARSER.parse(yaml);
    }
}
