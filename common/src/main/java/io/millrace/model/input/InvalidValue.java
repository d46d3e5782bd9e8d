package io.millrace.model.input;

import java.util.List;

/**
 * Raised by a {@link ValueConverter} when a value does not fit its type or constraints. Its details
 * do not name the input: the caller knows whether it is an input, a default or an output.
 */
final class InvalidValue extends RuntimeException {

    private final List<String> details;

    InvalidValue(String detail) {
        this(List.of(detail));
    }

    InvalidValue(List<String> details) {
        // No stack trace: this is an expected outcome of checking user data, never a bug.
        super(String.join("; ", details), null, false, false);
        this.details = List.copyOf(details);
    }

    List<String> details() {
        return details;
    }
}
