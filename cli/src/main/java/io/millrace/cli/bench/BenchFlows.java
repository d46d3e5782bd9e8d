package io.millrace.cli.bench;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The flows the bench runs, in the namespace {@value #NAMESPACE}. */
final class BenchFlows {

    static final String NAMESPACE = "millrace.bench";

    private BenchFlows() {
    }

    /** Log + Return: the 2-task flow of the throughput and latency figures. */
    static String twoTasks() {
        return head("two-tasks") + """
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "execution {{ execution.id }}"
              - id: result
                type: io.kestra.plugin.core.debug.Return
                format: "{{ execution.id }} done"
            """;
    }

    /** Log, Log, Return. */
    static String threeTasks() {
        return head("three-tasks") + """
              - id: first
                type: io.kestra.plugin.core.log.Log
                message: first
              - id: second
                type: io.kestra.plugin.core.log.Log
                message: second
              - id: result
                type: io.kestra.plugin.core.debug.Return
                format: "{{ execution.id }} done"
            """;
    }

    /** A Parallel of {@code n} Log tasks, all at once. */
    static String parallel(String id, int n) {
        return head(id) + """
              - id: fan
                type: io.kestra.plugin.core.flow.Parallel
                tasks:
            """ + IntStream.range(0, n).mapToObj(i -> """
                  - id: log%d
                    type: io.kestra.plugin.core.log.Log
                    message: "branch %d"
            """.formatted(i, i)).collect(Collectors.joining());
    }

    /**
     * A ForEach over {@code n} values running a Return for each, with the given concurrency
     * limit (1, the default, runs the values one after the other; 0 all at once).
     */
    static String forEach(String id, int n, int concurrencyLimit) {
        String values = IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
        return head(id) + """
              - id: each
                type: io.kestra.plugin.core.flow.ForEach
                values: '%s'
                concurrencyLimit: %d
                tasks:
                  - id: item
                    type: io.kestra.plugin.core.debug.Return
                    format: "value {{ taskrun.value }}"
            """.formatted(values, concurrencyLimit);
    }

    private static String head(String id) {
        return """
            id: %s
            namespace: %s
            tasks:
            """.formatted(id, NAMESPACE);
    }
}
