package io.millrace.model.input;

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
    @JsonAlias("name") String id,
    InputType type,
    String description,
    String displayName,
    Boolean required,
    Object defaults,
    List<Object> values,
    @JsonAlias("options") List<Object> options,
    Boolean allowCustomValue,
    InputType itemType,
    String validator,
    Object min,
    Object max,
    String after,
    String before,
    List<String> allowedFileExtensions
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
