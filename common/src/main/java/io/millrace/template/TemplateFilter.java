package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A Pebble filter made of its argument names and a lambda, so that a family of filters fits in one small class. */
record TemplateFilter(String name, List<String> argumentNames, Body body) implements Filter {

    /** What the filter does to its input. */
    @FunctionalInterface
    interface Body {
        Object apply(Object input, Call call);
    }

    /** A filter without arguments. */
    static TemplateFilter of(String name, UnaryOperator<Object> body) {
        return new TemplateFilter(name, List.of(), (input, call) -> body.apply(input));
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                        int lineNumber) {
        Call call = new Call("filter '" + name + "'", args, context, self, lineNumber);
        try {
            return call.bounded(body.apply(input, call));
        } catch (PebbleException e) {
            throw e;
        } catch (RuntimeException e) {
            // a bad input deep inside (a date that does not parse, invalid JSON): the user gets the reason
            throw call.fail(e.getMessage());
        }
    }

    @Override
    public List<String> getArgumentNames() {
        return argumentNames;
    }
}
