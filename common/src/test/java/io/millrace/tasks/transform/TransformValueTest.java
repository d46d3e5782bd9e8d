package io.millrace.tasks.transform;

import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.WorkerFixture;
import io.millrace.tasks.WorkerFixture.Attempt;
import io.millrace.tasks.WorkerFixture.Running;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TransformValueTest {

    /** An evaluation long enough (tens of seconds) to be stopped by a timeout or a kill. */
    private static final String ENDLESS = "$count([1..100000].($sum([1..100000])))";

    @TempDir
    Path workRoot;

    private WorkerFixture worker;

    @BeforeEach
    void setUp() {
        worker = new WorkerFixture(workRoot);
    }

    @AfterEach
    void tearDown() {
        worker.close();
    }

    @Test
    void transforms_a_json_string() {
        Attempt attempt = worker.run("""
            id: order
            type: io.kestra.plugin.transform.jsonata.TransformValue
            from: |
              {
                "order_id": "ABC123",
                "first_name": "John",
                "last_name": "Doe",
                "address": {"city": "Paris", "country": "France"},
                "items": [
                  {"name": "Apple", "quantity": 5, "price_per_unit": 0.5},
                  {"name": "Banana", "quantity": 3, "price_per_unit": 0.25}
                ]
              }
            expression: |
              {
                "order_id": order_id,
                "customer_name": first_name & ' ' & last_name,
                "address": address.city & ', ' & address.country,
                "total_price": $sum(items.(quantity * price_per_unit)),
                "names": items.name
              }
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.outputs()).containsEntry("value", Map.of(
            "order_id", "ABC123",
            "customer_name", "John Doe",
            "address", "Paris, France",
            "total_price", 3.25,
            "names", List.of("Apple", "Banana")));
    }

    @Test
    void renders_from_and_expression_from_variables() {
        Attempt attempt = worker.run("""
            id: pick
            type: io.millrace.core.transform.TransformValue
            from: "{{ outputs.fetch.body }}"
            expression: "items[price > {{ inputs.min }}].name"
            """, Map.of(
            "outputs", Map.of("fetch", Map.of("body", "{\"items\":[{\"name\":\"a\",\"price\":1},"
                + "{\"name\":\"b\",\"price\":5},{\"name\":\"c\",\"price\":9}]}")),
            "inputs", Map.of("min", 2)));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.outputs()).containsEntry("value", List.of("b", "c"));
    }

    @Test
    void accepts_a_structured_value_whose_strings_are_rendered() {
        Attempt attempt = worker.run("""
            id: structured
            type: io.millrace.core.transform.TransformValue
            from:
              user: "{{ inputs.user }}"
              scores: [3, 4, 5]
            expression: "user & ': ' & $string($sum(scores))"
            """, Map.of("inputs", Map.of("user", "ada")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.outputs()).containsEntry("value", "ada: 12");
    }

    @Test
    void accepts_json_arrays_and_scalars() {
        Attempt array = worker.run("""
            id: array
            type: io.millrace.core.transform.TransformValue
            from: "[1, 2, 3]"
            expression: "$map($, function($v) { $v * 10 })"
            """);
        Attempt number = worker.run("""
            id: number
            type: io.millrace.core.transform.TransformValue
            from: "41"
            expression: "$ + 1"
            """);

        assertThat(array.outputs()).containsEntry("value", List.of(10, 20, 30));
        assertThat(number.outputs()).containsEntry("value", 42);
    }

    @Test
    void an_expression_that_matches_nothing_gives_a_null_value() {
        Attempt attempt = worker.run("""
            id: nothing
            type: io.millrace.core.transform.TransformValue
            from: '{"a": 1}'
            expression: b
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.outputs()).containsEntry("value", null);
    }

    @Test
    void an_invalid_expression_fails_quoting_the_jsonata_error() {
        Attempt attempt = worker.run("""
            id: broken
            type: io.millrace.core.transform.TransformValue
            from: '{"a": 1}'
            expression: "a +"
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).startsWith("invalid JSONata expression: ")
            .contains("Unexpected end of expression");
    }

    @Test
    void an_evaluation_error_fails_quoting_the_jsonata_error() {
        Attempt attempt = worker.run("""
            id: bad_call
            type: io.millrace.core.transform.TransformValue
            from: '{"a": "x"}'
            expression: "a + 1"
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).startsWith("JSONata evaluation failed: ")
            .contains("The left side of the \"+\" operator must evaluate to a number");
    }

    @Test
    void invalid_json_input_fails_quoting_the_input() {
        Attempt attempt = worker.run("""
            id: bad_input
            type: io.millrace.core.transform.TransformValue
            from: "{\\"a\\": 1,"
            expression: a
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).startsWith("from is not valid JSON (").endsWith("): {\"a\": 1,");
    }

    @Test
    void a_function_result_fails() {
        Attempt attempt = worker.run("""
            id: lambda
            type: io.millrace.core.transform.TransformValue
            from: "{}"
            expression: "function($x) { $x }"
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("the JSONata expression evaluates to a function, not a value");
    }

    @Test
    void max_depth_stops_runaway_recursion() {
        String yaml = """
            id: recurse
            type: io.millrace.core.transform.TransformValue
            from: "{}"
            expression: "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(%d))"
            maxDepth: 200
            """;

        Attempt shallow = worker.run(yaml.formatted(5));
        Attempt deep = worker.run(yaml.formatted(1000));

        assertThat(shallow.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(shallow.outputs()).containsEntry("value", 5);
        assertThat(deep.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(deep.error()).isEqualTo("JSONata evaluation failed: the evaluation nested deeper than maxDepth 200");
    }

    @Test
    void max_depth_does_not_grow_with_the_input_size() {
        // the library's own bound counts per item on such expressions; ours counts nesting only
        Attempt attempt = worker.run("""
            id: wide
            type: io.millrace.core.transform.TransformValue
            from: "{}"
            expression: "$count($map([1..5000], function($i) { {'id': $i, 'even': $i % 2 = 0} }))"
            maxDepth: 50
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.outputs()).containsEntry("value", 5000);
    }

    @Test
    void timeout_stops_a_long_evaluation() {
        long start = System.nanoTime();
        Attempt attempt = worker.run("""
            id: long
            type: io.millrace.core.transform.TransformValue
            timeout: PT1S
            from: "{}"
            expression: "%s"
            """.formatted(ENDLESS));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("timed out after PT1S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void kill_stops_a_long_evaluation() {
        Running running = worker.start("""
            id: long
            type: io.millrace.core.transform.TransformValue
            from: "{}"
            expression: "%s"
            """.formatted(ENDLESS), Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> worker.runningCount() == 1);

        running.kill();

        await().atMost(Duration.ofSeconds(3)).until(running::isDone);
        assertThat(running.join().status()).isEqualTo(TaskRunStatus.KILLED);
    }
}
