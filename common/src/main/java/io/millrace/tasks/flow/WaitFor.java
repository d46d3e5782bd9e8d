package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;
import io.millrace.util.Truth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs its tasks again and again while the condition (rendered after each iteration) is truthy,
 * {@code interval} apart, up to {@code maxIterations} or {@code maxDuration}.
 * {@code outputs.<id>.iterationCount} is the number of the current iteration, from 0.
 */
@Plugin(id = "io.millrace.core.flow.WaitFor",
    aliases = {"io.kestra.plugin.core.flow.WaitFor", "io.kestra.core.tasks.flows.WaitFor"},
    title = "Repeat tasks while a condition holds (polling), with an interval and limits.",
    example = """
        id: poll
        type: io.millrace.core.flow.WaitFor
        condition: "{{ outputs.check.code != 200 }}"
        interval: PT10S
        maxIterations: 30
        tasks:
          - id: check
            type: io.millrace.core.http.Request
            uri: https://example.com/ready
            allowFailed: true
        """)
public final class WaitFor extends BlockTask {

    static final String ITERATION = "iteration";
    static final String STARTED = "startedAt";
    static final String WAIT_UNTIL = "waitUntil";

    @Prop(value = "Rendered after each iteration; the tasks run again while it is truthy.", required = true, dynamic = true)
    private String condition;

    @Prop(value = "The tasks of one iteration, run in sequence.", required = true)
    private List<Task> tasks;

    @Prop("Largest number of iterations (default 100).")
    private Integer maxIterations;

    @Prop("Longest time spent iterating (default PT1H).")
    private Duration maxDuration;

    @Prop("Wait between two iterations (default PT1S).")
    private Duration interval;

    @Prop("Fail when a maximum is reached while the condition still holds (default false: succeed).")
    private Boolean failOnMaxReached;

    @Override
    protected List<Task> mainTasks() {
        return Children.of(tasks);
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        Map<String, Object> plan = scope.parent().plan();
        Instant now = scope.now();
        if (plan == null || !plan.containsKey(ITERATION)) {
            return startIteration(scope, 0, now);
        }
        int n = ((Number) plan.get(ITERATION)).intValue();
        Instant startedAt = Instant.parse((String) plan.get(STARTED));
        Object waitUntil = plan.get(WAIT_UNTIL);
        if (waitUntil != null) {
            Instant at = Instant.parse((String) waitUntil);
            if (now.isBefore(at)) {
                return FlowableStep.waiting().withWakeAt(at);
            }
            return startIteration(scope, n + 1, startedAt);
        }
        Blocks.Progress p = Blocks.sequence(scope, tasks, scope.value(), n);
        if (!p.next().isEmpty()) {
            return FlowableStep.next(Blocks.toNext(p.next(), scope.value(), n));
        }
        if (p.running()) {
            return FlowableStep.waiting();
        }
        if (p.failed()) {
            return Blocks.tail(scope, true, errors, finallyTasks);
        }
        boolean again = Truth.isTruthy(scope.render(condition));
        if (again) {
            boolean maxReached = n + 1 >= (maxIterations == null ? 100 : maxIterations)
                || !now.isBefore(startedAt.plus(maxDuration == null ? Duration.ofHours(1) : maxDuration));
            if (maxReached) {
                if (Boolean.TRUE.equals(failOnMaxReached)) {
                    return FlowableStep.fail("WaitFor '" + id + "' reached its maximum after " + (n + 1)
                        + " iterations while the condition still held");
                }
                return Blocks.tail(scope, false, errors, finallyTasks);
            }
            Instant at = now.plus(interval == null ? Duration.ofSeconds(1) : interval);
            Map<String, Object> newPlan = new LinkedHashMap<>(plan);
            newPlan.put(WAIT_UNTIL, at.toString());
            return FlowableStep.waiting().withPlan(newPlan).withWakeAt(at);
        }
        return Blocks.tail(scope, false, errors, finallyTasks);
    }

    private FlowableStep startIteration(FlowableScope scope, int n, Instant startedAt) {
        Blocks.Progress p = Blocks.sequence(scope, tasks, scope.value(), n);
        if (p.next().isEmpty()) {
            // no enabled task: nothing to repeat
            return Blocks.tail(scope, false, errors, finallyTasks);
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put(ITERATION, n);
        plan.put(STARTED, startedAt.toString());
        return FlowableStep.next(Blocks.toNext(p.next(), scope.value(), n))
            .withPlan(plan)
            .withOutputs(Map.of("iterationCount", n));
    }
}
