package io.millrace.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Renders every string inside a JSON-like value (map keys included), keeping its structure. */
public final class ValueRenderer {

    private ValueRenderer() {
    }

    /** {@code value} with each string replaced by {@code renderString} of it; other scalars unchanged. */
    public static Object render(Object value, UnaryOperator<String> renderString) {
        if (value instanceof String s) {
            return renderString.apply(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(renderString.apply(String.valueOf(e.getKey())), render(e.getValue(), renderString));
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(render(o, renderString));
            }
            return out;
        }
        return value;
    }
}
