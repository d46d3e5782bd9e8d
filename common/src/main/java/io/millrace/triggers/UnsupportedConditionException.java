package io.millrace.triggers;

/** A trigger condition that Flow triggers cannot evaluate; the trigger is skipped with this message. */
public final class UnsupportedConditionException extends RuntimeException {

    public UnsupportedConditionException(String message) {
        super(message);
    }
}
