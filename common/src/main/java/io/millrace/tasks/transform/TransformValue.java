package io.millrace.tasks.transform;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.serde.Json;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskFailure;
import io.millrace.tasks.TaskOutcome;
import tools.jackson.core.JacksonException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a JSONata expression to a JSON value and exposes the result as {@code outputs.<id>.value}.
 * The value is either a JSON string (typically another task's output) or YAML written in place.
 */
@Plugin(id = "io.millrace.core.transform.TransformValue",
    aliases = {"io.kestra.plugin.transform.jsonata.TransformValue"},
    title = "Transform or query a JSON value with a JSONata expression.",
    example = """
        id: total
        type: io.millrace.core.transform.TransformValue
        from: "{{ outputs.fetch_order.body }}"
        expression: |
          {
            "customer": first_name & ' ' & last_name,
            "total": $sum(items.(quantity * price))
          }
        """)
public final class TransformValue extends Task implements RunnableTask {

    private static final int QUOTED_INPUT_LENGTH = 120;

    @Prop(value = "The value to transform: a JSON string, or a structured value whose strings are rendered.",
        required = true, dynamic = true)
    private Object from;

    @Prop(value = "The JSONata expression.", required = true, dynamic = true)
    private String expression;

    @Prop("Deepest nesting of the evaluation, to stop runaway recursion early (no limit by default).")
    private Integer maxDepth;

    @Override
    public TaskOutcome run(RunContext context) throws InterruptedException {
        if (from == null) {
            throw new TaskFailure("from is required");
        }
        if (expression == null || expression.isBlank()) {
            throw new TaskFailure("expression is required");
        }
        Object input = input(context.renderValue(from));
        Jsonata compiled = compile(context.render(expression));
        Object result = evaluate(compiled, input);
        if (containsFunction(result)) {
            throw new TaskFailure("the JSONata expression evaluates to a function, not a value");
        }
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("value", result);
        return TaskOutcome.of(outputs);
    }

    private static Object input(Object rendered) {
        if (!(rendered instanceof String text)) {
            return rendered;
        }
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            String quoted = text.length() > QUOTED_INPUT_LENGTH ? text.substring(0, QUOTED_INPUT_LENGTH) + "…" : text;
            throw new TaskFailure("from is not valid JSON (" + e.getOriginalMessage() + "): " + quoted);
        }
    }

    private static Jsonata compile(String source) {
        try {
            return Jsonata.jsonata(source);
        } catch (JException e) {
            throw new TaskFailure("invalid JSONata expression: " + describe(e));
        }
    }

    private Object evaluate(Jsonata compiled, Object input) throws InterruptedException {
        EvaluationGuard guard = new EvaluationGuard(maxDepth);
        try {
            return compiled.evaluate(input, guard.frame(compiled));
        } catch (EvaluationGuard.Stop e) {
            if (e.interrupted) {
                throw new InterruptedException("JSONata evaluation interrupted");
            }
            throw new TaskFailure("JSONata evaluation failed: " + e.getMessage());
        } catch (JException e) {
            throw new TaskFailure("JSONata evaluation failed: " + describe(e));
        } catch (StackOverflowError e) {
            throw new TaskFailure("JSONata evaluation failed: the expression recursed too deeply "
                + "(set maxDepth to stop it earlier)");
        } catch (RuntimeException e) {
            // the evaluator also throws plain exceptions (e.g. on a bad regex or an unexpected input type)
            throw new TaskFailure("JSONata evaluation failed: " + e);
        }
    }

    private static boolean containsFunction(Object value) {
        return switch (value) {
            case Map<?, ?> m -> m.values().stream().anyMatch(TransformValue::containsFunction);
            case List<?> l -> l.stream().anyMatch(TransformValue::containsFunction);
            case null -> false;
            default -> value instanceof Jsonata.JFunction || value instanceof Jsonata.JLambda || Functions.isLambda(value);
        };
    }

    /** The library's message, with the position in the expression when it knows one. */
    private static String describe(JException e) {
        String message = e.getMessage();
        return e.getLocation() >= 0 && (message == null || !message.contains("position"))
            ? message + " (at position " + e.getLocation() + ")"
            : message;
    }
}
