package io.millrace.template;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.GlobalContext;

import java.util.List;
import java.util.Map;

/**
 * The only way a template reads into a value: map entries by key, list and array items by index,
 * and the {@code loop} variable of for loops.
 * No getter, field or method of a Java object is ever reached, whatever object a template gets hold of.
 */
final class DataAttributeResolver implements AttributeResolver {

    @Override
    public ResolvedAttribute resolve(Object instance, Object attribute, Object[] argumentValues, ArgumentsNode args,
                                     EvaluationContextImpl context, String filename, int lineNumber) {
        if (args != null) {
            throw new PebbleException(null, "method calls are not allowed ('" + attribute + "(...)')", lineNumber,
                filename);
        }
        if (instance instanceof GlobalContext) {
            // a map over every variable in scope, including the render session: not for templates
            throw new PebbleException(null, "'_context' is not available in templates", lineNumber, filename);
        }
        if (instance instanceof Map<?, ?> map) {
            return entry(map, attribute);
        }
        if (instance instanceof Map.Entry<?, ?> e) {
            return switch (String.valueOf(attribute)) {
                case "key" -> new ResolvedAttribute(e.getKey());
                case "value" -> new ResolvedAttribute(e.getValue());
                default -> null;
            };
        }
        if (instance instanceof ForNode.LoopVariables loop) {
            return loopVariable(loop, String.valueOf(attribute));
        }
        if (instance instanceof List<?> list) {
            int i = index(attribute, list.size());
            return i < 0 ? null : new ResolvedAttribute(list.get(i));
        }
        if (instance instanceof Object[] array) {
            int i = index(attribute, array.length);
            return i < 0 ? null : new ResolvedAttribute(array[i]);
        }
        // not found: in strict mode Pebble reports the attribute as undefined
        return null;
    }

    private static ResolvedAttribute entry(Map<?, ?> map, Object attribute) {
        if (map.containsKey(attribute)) {
            return new ResolvedAttribute(map.get(attribute));
        }
        // map['1'] and map[1] both reach the key "1", whichever way the template or the data wrote it
        String key = attribute instanceof Number n ? Values.number(n) : String.valueOf(attribute);
        if (map.containsKey(key)) {
            return new ResolvedAttribute(map.get(key));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() instanceof Number n && Values.number(n).equals(key)) {
                return new ResolvedAttribute(e.getValue());
            }
        }
        return null;
    }

    /** {@code loop.index} and its siblings inside a for loop, read by name rather than by reflection. */
    private static ResolvedAttribute loopVariable(ForNode.LoopVariables loop, String name) {
        return switch (name) {
            case "index" -> new ResolvedAttribute((long) loop.getIndex());
            case "first" -> new ResolvedAttribute(loop.isFirst());
            case "last" -> new ResolvedAttribute(loop.isLast());
            // counting is lazy in Pebble (the iterable may be long): only done when asked
            case "length" -> new ResolvedAttribute(loop.getLength().longValue());
            case "revindex" -> new ResolvedAttribute(loop.getRevindex().longValue());
            default -> null;
        };
    }

    /** The index an attribute designates, or -1 when it is not a valid index. */
    private static int index(Object attribute, int size) {
        long i;
        if (attribute instanceof Number n) {
            i = n.longValue();
        } else {
            try {
                i = Long.parseLong(String.valueOf(attribute));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return i >= 0 && i < size ? (int) i : -1;
    }
}
