package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.core.DefaultFilter;
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.extension.escaper.RawFilter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wraps filters so that the text a filter makes out of a secret ({@code secret('K') | base64encode},
 * {@code inputs.pw | upper | urlencode}) is itself reported as a secret, and masked in logs like it.
 */
final class SecretTracking {

    private SecretTracking() {
    }

    /**
     * {@code filters}, each reporting its output when its input or an argument holds a secret; but
     * {@code default}, {@code escape} and {@code raw}, which Pebble recognises by their class and which
     * only pass a value on, stay as they are.
     */
    static Map<String, Filter> track(Map<String, Filter> filters) {
        Map<String, Filter> tracked = new HashMap<>();
        filters.forEach((name, filter) -> tracked.put(name,
            filter instanceof DefaultFilter || filter instanceof EscapeFilter || filter instanceof RawFilter
                ? filter : new Tracked(filter)));
        return tracked;
    }

    private record Tracked(Filter filter) implements Filter {

        @Override
        public List<String> getArgumentNames() {
            return filter.getArgumentNames();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            Object out = filter.apply(input, args, self, context, lineNumber);
            if (out instanceof String text && !text.isEmpty()) {
                RenderSession session = RenderSession.find(context);
                if (session != null && (session.holdsSecret(input) || session.holdsSecret(args))) {
                    session.secretRead(text);
                }
            }
            return out;
        }
    }
}
