package io.millrace.topics;

/** Composite keys: {@code executionId/rest}. The execution id never contains a slash. */
public final class Keys {

    private Keys() {
    }

    /** {@code executionId/taskRunId}. */
    public static String taskRun(String executionId, String taskRunId) {
        return executionId + "/" + taskRunId;
    }

    /** The execution id a key starts with (the whole key when it has no slash). */
    public static String executionId(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }
}
