package io.millrace.secrets;

import io.millrace.model.input.Input;
import io.millrace.model.input.InputException;
import io.millrace.model.input.InputProblem;
import io.millrace.model.input.InputType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The values of SECRET inputs on their way: sealed before they go into a record, masked in what the
 * api answers, opened only in a worker's run context.
 */
public final class SecretInputs {

    /** What stands in for a secret value in answers and logs. */
    public static final String MASK = "******";

    private SecretInputs() {
    }

    /**
     * {@code values} with the value of every SECRET input sealed (a value already sealed is kept).
     *
     * @throws InputException naming each SECRET input and the setting when {@code cipher} has no key
     */
    public static Map<String, Object> seal(List<Input> declared, Map<String, Object> values, SecretCipher cipher) {
        if (declared == null || values == null || values.isEmpty()) {
            return values;
        }
        Map<String, Object> sealed = new LinkedHashMap<>(values);
        List<InputProblem> problems = new ArrayList<>();
        for (Input input : declared) {
            if (input.effectiveType() != InputType.SECRET || !(sealed.get(input.id()) instanceof String value)) {
                continue;
            }
            try {
                sealed.put(input.id(), cipher.seal(value));
            } catch (SecretCipher.MissingKey e) {
                problems.add(new InputProblem(input.id(), "input '" + input.id() + "' is a SECRET, and it is never "
                    + "stored in clear: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return sealed;
    }

    /**
     * What is wrong with input values a caller gave: a value that already looks sealed is refused, since only
     * Millrace seals values (a sealed value copied from elsewhere would have a task open it).
     */
    public static List<InputProblem> forged(Map<String, ?> given) {
        List<InputProblem> problems = new ArrayList<>();
        if (given != null) {
            given.forEach((id, value) -> {
                if (containsSealed(value)) {
                    problems.add(new InputProblem(id, "input '" + id + "' may not start with " + SecretCipher.PREFIX
                        + ": only Millrace encrypts values"));
                }
            });
        }
        return problems;
    }

    /**
     * {@code values} with every SECRET input's value, and every sealed value, replaced by {@link #MASK}:
     * what an answer or an error record may show.
     */
    public static Map<String, Object> masked(List<Input> declared, Map<String, ?> values) {
        if (values == null) {
            return null;
        }
        Map<String, Object> masked = new LinkedHashMap<>();
        values.forEach((k, v) -> masked.put(k, SecretCipher.isSealed(v) ? MASK : v));
        if (declared != null) {
            for (Input input : declared) {
                if (input.effectiveType() == InputType.SECRET && masked.get(input.id()) != null) {
                    masked.put(input.id(), MASK);
                }
            }
        }
        return masked;
    }

    /**
     * A copy of {@code value} (maps and lists walked through) with every sealed text opened; each
     * clear value is reported to {@code opened}. Other values are shared, not copied.
     *
     * @throws SecretCipher.CannotOpen when a sealed value cannot be opened with {@code cipher}
     */
    public static Object open(Object value, SecretCipher cipher, Consumer<String> opened) {
        return switch (value) {
            case String s when SecretCipher.isSealed(s) -> {
                String clear = cipher.open(s);
                opened.accept(clear);
                yield clear;
            }
            case Map<?, ?> map -> {
                if (!containsSealed(map)) {
                    yield map;
                }
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, open(v, cipher, opened)));
                yield copy;
            }
            case List<?> list -> {
                if (!containsSealed(list)) {
                    yield list;
                }
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(v -> copy.add(open(v, cipher, opened)));
                yield copy;
            }
            case null, default -> value;
        };
    }

    /** A copy of {@code value} with every sealed text, wherever it is, replaced by {@link #MASK}. */
    public static Object maskSealed(Object value) {
        return switch (value) {
            case String s when SecretCipher.isSealed(s) -> MASK;
            case Map<?, ?> map when containsSealed(map) -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, maskSealed(v)));
                yield copy;
            }
            case List<?> list when containsSealed(list) -> list.stream().map(SecretInputs::maskSealed).toList();
            case null, default -> value;
        };
    }

    /** Whether a sealed text is anywhere in {@code value}. */
    public static boolean containsSealed(Object value) {
        return switch (value) {
            case String s -> SecretCipher.isSealed(s);
            case Map<?, ?> map -> map.values().stream().anyMatch(SecretInputs::containsSealed);
            case List<?> list -> list.stream().anyMatch(SecretInputs::containsSealed);
            case null, default -> false;
        };
    }
}
