package io.millrace.model.input;

import io.millrace.serde.Json;
import tools.jackson.core.JacksonException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * ENUM, SELECT (one text value) and MULTISELECT (a list of text values), each among the declared
 * values unless {@code allowCustomValue}. Values are compared as text, so {@code values: [1, 2]}
 * accepts {@code "1"} from a form as well as {@code 1} from JSON.
 */
final class ChoiceConverter implements ValueConverter {

    @Override
    public Object convert(Input input, Object raw) {
        if (input.effectiveType() != InputType.MULTISELECT) {
            String text = ValueConverter.scalarText(raw, "a single value");
            List<String> allowed = allowed(input);
            if (allowed != null && !allowed.contains(text)) {
                throw new InvalidValue(Quoted.of(text) + " is not one of " + allowed);
            }
            return text;
        }
        List<String> selected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> allowed = allowed(input);
        for (Object item : items(raw)) {
            String text = ValueConverter.scalarText(item, "a single value");
            if (allowed != null && !allowed.contains(text)) {
                problems.add(Quoted.of(text) + " is not one of " + allowed);
            }
            selected.add(text);
        }
        if (!problems.isEmpty()) {
            throw new InvalidValue(problems);
        }
        return selected;
    }

    @Override
    public List<String> checkDeclaration(Input input) {
        List<Object> choices = input.choices();
        if (choices == null || choices.isEmpty()) {
            return List.of("type " + input.effectiveType() + " needs a non-empty list of values");
        }
        List<String> problems = new ArrayList<>();
        for (Object choice : choices) {
            if (choice == null || choice instanceof Map<?, ?> || choice instanceof Collection<?>) {
                problems.add("value " + Quoted.of(choice) + " is not a single text, number or boolean");
            }
        }
        return problems;
    }

    /** The allowed values as text, or null when any value is allowed. */
    private static List<String> allowed(Input input) {
        if (Boolean.TRUE.equals(input.allowCustomValue())) {
            return null;
        }
        List<Object> choices = input.choices() == null ? List.of() : input.choices();
        List<String> allowed = new ArrayList<>(choices.size());
        for (Object choice : choices) {
            allowed.add(choice instanceof String || choice instanceof Number || choice instanceof Boolean
                ? ValueConverter.scalarText(choice, "a value") : String.valueOf(choice));
        }
        return allowed;
    }

    /** The selected items: a list, a JSON array as text, or one plain value selected alone. */
    private static List<?> items(Object raw) {
        if (raw instanceof List<?> list) {
            return list;
        }
        if (raw instanceof String s && s.strip().startsWith("[")) {
            try {
                if (Json.parse(s) instanceof List<?> list) {
                    return list;
                }
            } catch (JacksonException e) {
                // reported below
            }
            throw new InvalidValue(Quoted.of(s) + " is not a JSON array");
        }
        return List.of(raw);
    }
}
