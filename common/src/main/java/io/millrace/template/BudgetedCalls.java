package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.core.DefaultFilter;
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wraps every filter and function a template can call, Pebble's and Millrace's alike, so that each
 * call counts a step of the {@link RenderBudget}, refuses Java objects that are not values (a
 * template must never print {@code GlobalContext@52881805}), refuses to build a text past the size
 * limit (checked before building, from {@link TextGrowth}, and on the result), and bounds the size
 * of the lists and maps it returns.
 */
final class BudgetedCalls {

    /** More items than this in one list or map built by a call is a runaway template, not data. */
    static final int MAX_ITEMS = (int) BoundedRange.MAX_ITEMS;

    private BudgetedCalls() {
    }

    static Map<String, Filter> filters(Map<String, Filter> filters) {
        if (filters == null) {
            return null;
        }
        Map<String, Filter> wrapped = new HashMap<>();
        filters.forEach((name, filter) -> wrapped.put(name, filter(name, filter)));
        return wrapped;
    }

    static Map<String, Function> functions(Map<String, Function> functions) {
        if (functions == null) {
            return null;
        }
        Map<String, Function> wrapped = new HashMap<>();
        functions.forEach((name, function) -> wrapped.put(name, new BudgetedFunction(name, function)));
        return wrapped;
    }

    private static Filter filter(String name, Filter filter) {
        // Pebble treats these two by their class: 'default' reads undefined values in strict mode,
        // 'escape' receives safe strings as they are. Both are bounded (escape by TextGrowth on print).
        if (filter instanceof DefaultFilter || filter instanceof EscapeFilter || filter instanceof BudgetedFilter) {
            return filter;
        }
        return new BudgetedFilter(name, filter);
    }

    private static void before(String what, Object input, Map<String, Object> args, PebbleTemplate self, int line) {
        RenderBudget budget = RenderBudget.current();
        budget.step(line, self.getName());
        requireValue(what, input, self, line);
        for (Object arg : args.values()) {
            requireValue(what, arg, self, line);
        }
    }

    private static void requireValue(String what, Object value, PebbleTemplate self, int line) {
        if (!Values.isValue(value)) {
            throw new PebbleException(null, what + ": " + Values.aKind(value) + " is not a value a template can use",
                line, self.getName());
        }
    }

    private static Object after(String what, Object result, PebbleTemplate self, int line) {
        int size = switch (result) {
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            case Object[] a -> a.length;
            case null, default -> 0;
        };
        if (size > MAX_ITEMS) {
            throw new PebbleException(null, what + ": the result has more than " + MAX_ITEMS + " items", line,
                self.getName());
        }
        if (result instanceof CharSequence text) {
            RenderBudget.current().requireFits(text.length(), what, line, self.getName());
        }
        return result;
    }

    /** A filter counted, checked and bounded. */
    record BudgetedFilter(String name, Filter filter) implements Filter {

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int line) {
            String what = "filter '" + name + "'";
            before(what, input, args, self, line);
            TextGrowth.check(name, input, args, what, self, line);
            return after(what, filter.apply(input, args, self, context, line), self, line);
        }

        @Override
        public List<String> getArgumentNames() {
            return filter.getArgumentNames();
        }
    }

    /** A function counted, checked and bounded. */
    record BudgetedFunction(String name, Function function) implements Function {

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            String what = name + "()";
            before(what, null, args, self, line);
            return after(what, function.execute(args, self, context, line), self, line);
        }

        @Override
        public List<String> getArgumentNames() {
            return function.getArgumentNames();
        }
    }
}
