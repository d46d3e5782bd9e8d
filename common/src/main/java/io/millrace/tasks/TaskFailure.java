package io.millrace.tasks;

/** Thrown by a task to fail its attempt with a message meant for the user (logged without a stack trace). */
public class TaskFailure extends RuntimeException {
    public TaskFailure(String message) {
        super(message);
    }

    public TaskFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
