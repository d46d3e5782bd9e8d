package io.millrace.model.input;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

import static io.millrace.model.input.InputType.*;

/** The optional properties of an input and the types they mean something for. */
enum Constraint {
    VALIDATOR("validator", i -> i.validator() != null, true, EnumSet.of(STRING, SECRET)),
    MIN("min", i -> i.min() != null, true, EnumSet.of(INT, FLOAT, DURATION)),
    MAX("max", i -> i.max() != null, true, EnumSet.of(INT, FLOAT, DURATION)),
    AFTER("after", i -> i.after() != null, true, EnumSet.of(DATETIME, DATE, TIME)),
    BEFORE("before", i -> i.before() != null, true, EnumSet.of(DATETIME, DATE, TIME)),
    VALUES("values", i -> i.values() != null, false, EnumSet.of(ENUM, SELECT, MULTISELECT)),
    OPTIONS("options", i -> i.options() != null, false, EnumSet.of(ENUM, SELECT, MULTISELECT)),
    ALLOW_CUSTOM_VALUE("allowCustomValue", i -> i.allowCustomValue() != null, false, EnumSet.of(ENUM, SELECT, MULTISELECT)),
    ITEM_TYPE("itemType", i -> i.itemType() != null, false, EnumSet.of(ARRAY)),
    ALLOWED_FILE_EXTENSIONS("allowedFileExtensions", i -> i.allowedFileExtensions() != null, false, EnumSet.of(FILE));

    private final String property;
    private final Predicate<Input> isSet;
    private final boolean perItem;
    private final Set<InputType> types;

    Constraint(String property, Predicate<Input> isSet, boolean perItem, Set<InputType> types) {
        this.property = property;
        this.isSet = isSet;
        this.perItem = perItem;
        this.types = types;
    }

    String property() {
        return property;
    }

    boolean isSetOn(Input input) {
        return isSet.test(input);
    }

    /** Whether the constraint applies to the input's type; on an ARRAY, value constraints apply to each item. */
    boolean appliesTo(Input input) {
        InputType type = input.effectiveType();
        if (types.contains(type)) {
            return true;
        }
        return perItem && type == ARRAY && input.itemType() != null && types.contains(input.itemType());
    }
}
