package io.millrace.model.input;

import io.millrace.serde.Json;
import tools.jackson.core.JacksonException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * ARRAY: a list, or a JSON array as text, whose every item is converted to {@code itemType}. The
 * item type's constraints ({@code validator}, {@code min}, {@code after}...) apply to each item.
 */
final class ArrayConverter implements ValueConverter {

    /** Item types that make sense without a declaration of their own (no choices, no nesting, no uploads). */
    static final Set<InputType> ITEM_TYPES = EnumSet.of(
        InputType.STRING, InputType.INT, InputType.FLOAT, InputType.BOOLEAN, InputType.BOOL,
        InputType.DATETIME, InputType.DATE, InputType.TIME, InputType.DURATION,
        InputType.JSON, InputType.YAML, InputType.URI, InputType.EMAIL);

    @Override
    public Object convert(Input input, Object raw) {
        List<?> items = items(raw);
        if (input.itemType() == null) {
            // Only reachable for an undeclared item type (e.g. a flow output): keep the items as given.
            return new ArrayList<>(items);
        }
        Input itemInput = itemOf(input);
        ValueConverter converter = ValueConverter.of(input.itemType());
        List<Object> converted = new ArrayList<>(items.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object value = items.get(i);
            // Items are numbered from 1, as a user counts them.
            String item = "item " + (i + 1);
            if (value == null) {
                problems.add(item + " is empty");
                continue;
            }
            try {
                converted.add(converter.convert(itemInput, value));
            } catch (InvalidValue e) {
                e.details().forEach(detail -> problems.add(item + ": " + detail));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidValue(problems);
        }
        return converted;
    }

    @Override
    public List<String> checkDeclaration(Input input) {
        if (input.itemType() == null) {
            return List.of("type ARRAY needs an itemType");
        }
        if (!ITEM_TYPES.contains(input.itemType())) {
            return List.of("itemType " + input.itemType() + " is not supported (use one of " + ITEM_TYPES + ")");
        }
        return ValueConverter.of(input.itemType()).checkDeclaration(itemOf(input));
    }

    /** The declaration each item is checked against: the item type with the array's constraints. */
    private static Input itemOf(Input input) {
        return new Input(input.id(), input.itemType(), null, null, null, null, null, null, null, null,
            input.validator(), input.min(), input.max(), input.after(), input.before(), null);
    }

    private static List<?> items(Object raw) {
        if (raw instanceof List<?> list) {
            return list;
        }
        if (raw instanceof String s) {
            try {
                if (Json.parse(s) instanceof List<?> list) {
                    return list;
                }
            } catch (JacksonException e) {
                // reported below
            }
        }
        throw new InvalidValue(Quoted.kindOf(raw) + " is not an array (expected a list, or JSON such as [\"a\", \"b\"])");
    }
}
