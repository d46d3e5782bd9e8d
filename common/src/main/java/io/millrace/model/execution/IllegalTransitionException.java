package io.millrace.model.execution;

/** A state change that the transition table does not declare: always a bug in Millrace, never a user error. */
public final class IllegalTransitionException extends IllegalStateException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
