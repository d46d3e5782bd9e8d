package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.Map;

/**
 * Pebble's {@code escape} filter, counted and bounded like every other call ({@link BudgetedCalls}).
 * It stays an {@link EscapeFilter}, which Pebble hands safe strings unchanged.
 */
final class BudgetedEscape extends EscapeFilter {

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                        int line) {
        RenderBudget budget = RenderBudget.current();
        budget.step(line, self.getName());
        if (!Values.isValue(input)) {
            throw new PebbleException(null, "filter 'escape': " + Values.aKind(input)
                + " is not a value a template can use", line, self.getName());
        }
        if (input != null) {
            budget.requireFits(TextGrowth.escaped(input.toString()), "filter 'escape'", line, self.getName());
        }
        return super.apply(input, args, self, context, line);
    }
}
