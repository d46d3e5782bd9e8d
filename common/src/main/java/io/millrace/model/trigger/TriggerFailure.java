package io.millrace.model.trigger;

/**
 * Thrown by a {@link PollingTrigger} to fail one evaluation with a message meant for the flow's author: it
 * becomes the {@code error} of the answer, without a stack trace.
 */
public class TriggerFailure extends RuntimeException {

    public TriggerFailure(String message) {
        super(message);
    }

    public TriggerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
