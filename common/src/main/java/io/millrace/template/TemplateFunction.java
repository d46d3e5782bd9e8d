package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;

/** A Pebble function made of its argument names and a lambda, so that a family of functions fits in one small class. */
record TemplateFunction(String name, List<String> argumentNames, Body body) implements Function {

    /** What the function does with one call. */
    @FunctionalInterface
    interface Body {
        Object call(Call call);
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
        Call call = new Call(name + "()", args, context, self, lineNumber);
        try {
            return call.bounded(body.call(call));
        } catch (PebbleException e) {
            throw e;
        } catch (RuntimeException e) {
            // a bad argument deep inside (a date that does not parse, invalid JSON): the user gets the reason
            throw call.fail(e.getMessage());
        }
    }

    @Override
    public List<String> getArgumentNames() {
        return argumentNames;
    }
}
