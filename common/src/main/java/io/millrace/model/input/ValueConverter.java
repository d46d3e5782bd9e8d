package io.millrace.model.input;

import java.math.BigDecimal;
import java.util.List;

/**
 * Converts a value given for one input type family to its typed, JSON-friendly form and checks
 * that family's constraints; one implementation per family keeps each set of rules small.
 */
sealed interface ValueConverter
    permits TextConverter, NumberConverter, BooleanConverter, TemporalConverter, StructuredConverter,
    ChoiceConverter, ArrayConverter, FileConverter {

    /**
     * The typed value of {@code raw} (never null, never blank text: absent values are handled by
     * the caller) for {@code input}'s type.
     *
     * @throws InvalidValue when the value does not fit; details quote the value, not the input
     */
    Object convert(Input input, Object raw);

    /** Problems in the family-specific parts of a declaration (bounds, patterns, choices), without the input's name. */
    default List<String> checkDeclaration(Input input) {
        return List.of();
    }

    /** The converter for a type. */
    static ValueConverter of(InputType type) {
        return switch (type) {
            case STRING, SECRET, EMAIL, URI -> Family.TEXT;
            case INT, FLOAT -> Family.NUMBER;
            case BOOLEAN, BOOL -> Family.BOOLEAN;
            case DATETIME, DATE, TIME, DURATION -> Family.TEMPORAL;
            case JSON, YAML -> Family.STRUCTURED;
            case ENUM, SELECT, MULTISELECT -> Family.CHOICE;
            case ARRAY -> Family.ARRAY;
            case FILE -> Family.FILE;
        };
    }

    /**
     * The text of a single value given as a string, number or boolean (YAML and JSON give typed
     * scalars where a form gives text); a list or an object is rejected as not being {@code expected}.
     */
    static String scalarText(Object raw, String expected) {
        return switch (raw) {
            case null -> throw new InvalidValue("an empty value is not " + expected);
            case String s -> s;
            case BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case Character c -> c.toString();
            default -> throw new InvalidValue(Quoted.kindOf(raw) + " is not " + expected);
        };
    }

    /** The stateless converters, created once. */
    final class Family {
        static final TextConverter TEXT = new TextConverter();
        static final NumberConverter NUMBER = new NumberConverter();
        static final BooleanConverter BOOLEAN = new BooleanConverter();
        static final TemporalConverter TEMPORAL = new TemporalConverter();
        static final StructuredConverter STRUCTURED = new StructuredConverter();
        static final ChoiceConverter CHOICE = new ChoiceConverter();
        static final ArrayConverter ARRAY = new ArrayConverter();
        static final FileConverter FILE = new FileConverter();

        private Family() {
        }
    }
}
