package io.millrace.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code value | jq('.a.b')}: runs a jq program on a value (or on JSON text) and returns all its
 * results as a list, as Kestra does; {@code | first} takes one. The program runs under the render's
 * {@link RenderBudget}: every builtin call and every value a builtin emits is a step, the looping
 * builtins are Java loops counting a step per iteration ({@link JqLoops}), every result is a step,
 * and a program recursing without end fails instead of overflowing the thread's stack. It runs on one
 * of the {@link JqThreads}, so that what the budget cannot reach in jq's syntax never holds the
 * render's own thread past its deadline.
 */
final class JqFilter {

    /** More results than this is a runaway program ({@code range(1e9)}), not data. */
    static final int MAX_RESULTS = 100_000;

    private static final int MAX_CACHED_PROGRAMS = 1_000;

    // jackson-jq works on Jackson 2 trees; values cross over as JSON text
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Scope ROOT = rootScope();
    private static final Map<String, JsonQuery> PROGRAMS = new ConcurrentHashMap<>();

    private JqFilter() {
    }

    static TemplateFilter filter() {
        return new TemplateFilter("jq", List.of("expression"),
            (input, call) -> run(input, call.string("expression"), call));
    }

    /**
     * jq 1.6's builtins, each wrapped in a {@link BudgetedJqFunction}, with jackson-jq's recursive
     * {@code until}, {@code while} and {@code recurse} replaced by {@link JqLoops}. The builtins written
     * in jq resolve the functions they call here, so theirs are budgeted too.
     */
    private static Scope rootScope() {
        Scope root = Scope.newEmptyScope();
        Map<String, Function> builtins =
            new HashMap<>(BuiltinFunctionLoader.getInstance().listFunctions(Versions.JQ_1_6, root));
        builtins.putAll(JqLoops.functions());
        // keys are jackson-jq's "name/arity", which addFunction(key, f) stores as they are
        builtins.forEach((key, function) -> root.addFunction(key, new BudgetedJqFunction(function)));
        return root;
    }

    private static List<Object> run(Object input, String expression, Call call) {
        JsonQuery program = compile(expression, call);
        JsonNode tree = tree(input);
        try {
            return JqThreads.SHARED.run(() -> apply(program, tree, call), call.line(), call.template().getName());
        } catch (JqThreads.Busy e) {
            throw call.fail(e.getMessage());
        }
    }

    /** Runs the program on a jq thread, under the render's budget handed to that thread. */
    private static List<Object> apply(JsonQuery program, JsonNode tree, Call call) {
        List<Object> results = new ArrayList<>();
        RenderBudget budget = RenderBudget.current();
        try {
            program.apply(Scope.newChildScope(ROOT), tree, node -> {
                budget.step(call.line(), call.template().getName());
                if (results.size() == MAX_RESULTS) {
                    throw call.fail("the program returned more than " + MAX_RESULTS + " results");
                }
                results.add(plain(MAPPER.convertValue(node, Object.class)));
            });
        } catch (JsonQueryException e) {
            throw call.fail(e.getMessage());
        } catch (RenderBudget.BudgetExceeded e) {
            // counted inside jq, where the template's line is not known
            throw new RenderBudget.BudgetExceeded(e.getPebbleMessage(), call.line(), call.template().getName());
        } catch (StackOverflowError e) {
            // a function of the program calling itself for ever ('def f: f; f'); the stack is unwound here
            throw call.fail("the program recurses too deeply (does a function call itself for ever?)");
        }
        return results;
    }

    private static JsonQuery compile(String expression, Call call) {
        JsonQuery cached = PROGRAMS.get(expression);
        if (cached != null) {
            return cached;
        }
        try {
            JsonQuery program = JsonQuery.compile(expression, Versions.JQ_1_6);
            if (PROGRAMS.size() >= MAX_CACHED_PROGRAMS) {
                PROGRAMS.clear();
            }
            PROGRAMS.put(expression, program);
            return program;
        } catch (JsonQueryException e) {
            throw call.fail("invalid expression '" + expression + "': " + e.getMessage());
        }
    }

    /** The input as a jq tree: JSON text is parsed (HTTP bodies arrive as text), other text is a JSON string. */
    private static JsonNode tree(Object input) {
        try {
            if (input instanceof String text) {
                return DataFormats.isJson(text) ? MAPPER.readTree(text) : TextNode.valueOf(text);
            }
            return MAPPER.readTree(DataFormats.toJson(input));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read the input as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** jq computes in doubles; integral results are given back as integers, as the jq command prints them. */
    private static Object plain(Object value) {
        return switch (value) {
            case Double d when d == Math.rint(d) && Math.abs(d) < 9.0e15 -> (long) d.doubleValue();
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, plain(v)));
                yield copy;
            }
            case List<?> list -> list.stream().map(JqFilter::plain).toList();
            case null, default -> value;
        };
    }
}
