package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.core.RangeFunction;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;

/**
 * Pebble's {@code range(start, end, step)} (and the {@code ..} operator, which calls it), refused
 * beyond {@link #MAX_ITEMS} items: Pebble builds the whole list first, and
 * {@code range(1, 1000000000) | length} would exhaust the worker's memory.
 */
final class BoundedRange implements Function {

    static final long MAX_ITEMS = 1_000_000;

    private final RangeFunction range = new RangeFunction();

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
        if (args.get("start") instanceof Number start && args.get("end") instanceof Number end) {
            double step = args.get("increment") instanceof Number n ? n.doubleValue() : 1;
            double items = step == 0 ? 0 : Math.floor((end.doubleValue() - start.doubleValue()) / step) + 1;
            if (items > MAX_ITEMS) {
                throw new PebbleException(null, "range(): more than " + MAX_ITEMS + " items", lineNumber,
                    self.getName());
            }
        }
        return range.execute(args, self, context, lineNumber);
    }

    @Override
    public List<String> getArgumentNames() {
        return range.getArgumentNames();
    }
}
