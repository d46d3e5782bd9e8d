package io.millrace.model.input;

import io.millrace.plugin.Prop;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A typed parameter of a flow. Values given at trigger time are checked and converted by
 * {@link InputValues}; a bad value is reported with the input's id.
 *
 * @param required  {@code true} when a value (given, or the default) must be present; an input is
 *                  optional unless it declares {@code required: true}
 * @param defaults  the value used when none is given (may be a template)
 * @param values    the allowed values of ENUM, SELECT and MULTISELECT
 * @param itemType  the type of each element of an ARRAY
 * @param validator a regular expression the whole of a STRING or SECRET value must match
 * @param min       lower bound of INT, FLOAT, DURATION
 * @param max       upper bound of INT, FLOAT, DURATION
 * @param after     lower bound (exclusive) of DATETIME, DATE, TIME
 * @param before    upper bound (exclusive) of DATETIME, DATE, TIME
 * @param allowedFileExtensions the extensions a FILE may have ({@code .csv} or {@code csv})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Input(
    @Prop(value = "Identifier of the input, used as {{ inputs.id }}.", required = true) @JsonAlias("name") String id,
    @Prop("Type of the value (default STRING).") InputType type,
    @Prop("Free text shown to whoever starts the execution.") String description,
    @Prop("Name shown instead of the id.") String displayName,
    @Prop("A value (or a default) must be given.") Boolean required,
    @Prop(value = "Value used when none is given.", dynamic = true) Object defaults,
    @Prop("Allowed values of ENUM, SELECT and MULTISELECT.") List<Object> values,
    @Prop("Allowed values of MULTISELECT (Kestra's older name).") List<Object> options,
    @Prop("SELECT and MULTISELECT also accept values not in the list.") Boolean allowCustomValue,
    @Prop("Type of each element of an ARRAY.") InputType itemType,
    @Prop("Regular expression a STRING or SECRET must match.") String validator,
    @Prop("Lower bound of INT, FLOAT, DURATION.") Object min,
    @Prop("Upper bound of INT, FLOAT, DURATION.") Object max,
    @Prop("Values of DATETIME, DATE, TIME must come after this.") String after,
    @Prop("Values of DATETIME, DATE, TIME must come before this.") String before,
    @Prop("Extensions a FILE may have.") List<String> allowedFileExtensions
) {

    /** The type, STRING when not set (as Kestra). */
    public InputType effectiveType() {
        return type == null ? InputType.STRING : type;
    }

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    /** The allowed values of a SELECT-like input ({@code values}, or {@code options} for MULTISELECT). */
    public List<Object> choices() {
        return values != null ? values : options;
    }
}
