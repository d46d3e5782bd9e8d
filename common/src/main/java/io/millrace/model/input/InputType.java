package io.millrace.model.input;

/** The value types a flow input (or flow output) can declare. */
public enum InputType {
    STRING,
    INT,
    FLOAT,
    BOOLEAN,
    /** Kestra's newer name for BOOLEAN. */
    BOOL,
    DATETIME,
    DATE,
    TIME,
    DURATION,
    JSON,
    YAML,
    URI,
    EMAIL,
    /** Kestra's older name for SELECT. */
    ENUM,
    SELECT,
    MULTISELECT,
    ARRAY,
    SECRET,
    FILE
}
