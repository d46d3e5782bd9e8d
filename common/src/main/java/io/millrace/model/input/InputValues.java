package io.millrace.model.input;

import io.millrace.model.FlowOutput;
import io.millrace.template.TemplateEngine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Checks and converts the values of a flow's inputs and outputs against their declared types, so
 * that tasks only ever see typed, JSON-friendly values (they travel in Kafka records).
 *
 * <p>Typed values: STRING, SECRET, EMAIL, URI, ENUM, SELECT, FILE are {@code String}; INT is
 * {@code Long}; FLOAT is {@code Double}; BOOLEAN and BOOL are {@code Boolean}; DATETIME, DATE, TIME
 * and DURATION are normalised ISO-8601 {@code String}s; MULTISELECT and ARRAY are {@code List}s;
 * JSON and YAML are maps, lists and scalars.
 */
public final class InputValues {

    private InputValues() {
    }

    /**
     * Checks and converts the raw values given for a flow's inputs (text from a form or the CLI, or
     * typed values from YAML or JSON), applies defaults (rendering a default that holds a template
     * with {@code renderDefault}), and returns the typed values by input id, in declaration order.
     * An optional input with neither value nor default is absent from the result.
     *
     * @throws InputException listing every bad, missing or undeclared input, each by its id
     */
    public static Map<String, Object> resolve(List<Input> declared, Map<String, ?> raw, UnaryOperator<String> renderDefault) {
        Objects.requireNonNull(renderDefault, "renderDefault");
        List<Input> inputs = declared == null ? List.of() : declared;
        // A copy that tolerates lookups by a null id, which Map.of() does not.
        Map<String, Object> given = raw == null ? Map.of() : new HashMap<>(raw);
        List<InputProblem> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Input input : inputs) {
            if (input.id() == null || input.id().isBlank()) {
                problems.add(new InputProblem(input.id(), "an input of this flow has no id"));
                continue;
            }
            resolveOne(input, given.get(input.id()), renderDefault, problems, values);
        }
        problems.addAll(undeclared(inputs, given.keySet()));
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Converts a rendered flow output value to its declared type, with the rules of inputs. An output
     * without a type is returned unchanged; an empty value is null unless the output is required.
     *
     * @throws InputException when the value does not fit, naming the output
     */
    public static Object typeOutput(FlowOutput output, Object value) {
        String name = "output '" + output.id() + "'";
        if (output.type() == null) {
            return value;
        }
        if (isAbsent(value, output.type())) {
            if (Boolean.TRUE.equals(output.required())) {
                throw new InputException(List.of(new InputProblem(output.id(), name + " is required but has no value")));
            }
            return null;
        }
        // An output declares no choices, so a SELECT-like output takes any text (allowCustomValue).
        Input asInput = new Input(output.id(), output.type(), output.description(), null, output.required(),
            null, null, null, true, null, null, null, null, null, null, null);
        try {
            return ValueConverter.of(output.type()).convert(asInput, value);
        } catch (InvalidValue e) {
            throw new InputException(e.details().stream()
                .map(detail -> new InputProblem(output.id(), name + ": " + detail))
                .toList());
        }
    }

    /** Problems in an input declaration, found when a flow is parsed; each message names the input. */
    public static List<String> checkDeclaration(Input input) {
        return DeclarationCheck.problems(input);
    }

    /**
     * Whether a value counts as not given: null, or blank text for a type other than STRING and
     * SECRET (an empty form field means "no value" for a number, but may be meant for a text).
     */
    static boolean isAbsent(Object value, InputType type) {
        if (value == null) {
            return true;
        }
        return value instanceof String s && s.isBlank() && type != InputType.STRING && type != InputType.SECRET;
    }

    private static void resolveOne(Input input, Object given, UnaryOperator<String> renderDefault,
                                   List<InputProblem> problems, Map<String, Object> values) {
        InputType type = input.effectiveType();
        String name = "input '" + input.id() + "'";
        Object value = given;
        boolean fromDefault = false;
        if (isAbsent(value, type) && input.defaults() != null) {
            fromDefault = true;
            try {
                value = defaultValue(input, renderDefault);
            } catch (RuntimeException e) {
                problems.add(new InputProblem(input.id(), name + ": its default " + Quoted.of(input.defaults())
                    + " could not be rendered: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
                return;
            }
        }
        if (isAbsent(value, type)) {
            if (input.isRequired()) {
                problems.add(new InputProblem(input.id(), name + " is required but no value was given"
                    + (fromDefault ? " and its default is empty" : "")));
            }
            return;
        }
        String prefix = fromDefault ? name + " (default): " : name + ": ";
        try {
            values.put(input.id(), ValueConverter.of(type).convert(input, value));
        } catch (InvalidValue e) {
            e.details().forEach(detail -> problems.add(new InputProblem(input.id(), prefix + detail)));
        }
    }

    private static Object defaultValue(Input input, UnaryOperator<String> renderDefault) {
        Object defaults = input.defaults();
        return defaults instanceof String s && TemplateEngine.isTemplate(s) ? renderDefault.apply(s) : defaults;
    }

    /** Values given for inputs the flow does not declare: a typo must not be dropped silently. */
    private static List<InputProblem> undeclared(List<Input> inputs, Set<String> givenIds) {
        Set<String> declaredIds = new LinkedHashSet<>();
        inputs.stream().map(Input::id).filter(Objects::nonNull).forEach(declaredIds::add);
        String declared = declaredIds.isEmpty()
            ? "the flow declares no inputs"
            : "declared inputs: " + String.join(", ", declaredIds);
        return givenIds.stream()
            .filter(id -> !declaredIds.contains(id))
            .sorted(Comparator.nullsFirst(Comparator.naturalOrder()))
            .map(id -> new InputProblem(id, "input '" + id + "' is not declared by this flow (" + declared + ")"))
            .toList();
    }
}
