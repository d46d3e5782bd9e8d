package io.millrace.tasks;

import java.io.InputStream;
import java.net.URI;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a runnable task sees while it runs: rendering against the execution's variables, a logger,
 * metrics and a private working directory. One per attempt; not shared between threads.
 */
public interface RunContext {

    /** Renders a template string (strict: an undefined variable is an error). Null stays null. */
    String render(String template);

    /**
     * Renders every string inside a JSON-like value (maps, lists, scalars), keeping the structure.
     * Map keys are rendered too.
     */
    Object renderValue(Object value);

    /** Renders a map of templates. Null gives an empty map. */
    Map<String, Object> renderMap(Map<String, ?> value);

    /** The variables templates see ({@code flow}, {@code execution}, {@code taskrun}, {@code outputs}…). */
    Map<String, Object> variables();

    TaskLogger logger();

    /** Records a metric of the task run (a counter increment or a timer duration in seconds). */
    void metric(String name, MetricKind kind, double value, Map<String, String> tags);

    /** A directory private to this attempt, created on first use and deleted after the attempt ends. */
    Path workingDirectory() throws IOException;

    /**
     * Opens a file of internal storage ({@code millrace:///…}) of this execution's namespace or one
     * below it; the caller closes the stream.
     *
     * @throws IOException when there is no such file, or it belongs to another namespace
     */
    InputStream openFile(URI uri) throws IOException;

    /**
     * The OS user command tasks run as ({@code millrace.worker.commands.run-as}), or null for the
     * worker's own user.
     */
    default String commandsRunAs() {
        return null;
    }

    /**
     * Whether command tasks run in a PID namespace of their own where the host allows it
     * ({@code millrace.worker.commands.pid-namespace}).
     */
    default boolean commandsPidNamespace() {
        return true;
    }

    /** Facts about the task run being executed. */
    TaskRunInfo taskRun();

    /** The two metric kinds of Kestra's task metrics. */
    enum MetricKind { COUNTER, TIMER }

    /** Identifiers of the task run being executed. */
    record TaskRunInfo(String executionId, String namespace, String flowId, String taskId, String taskRunId,
                       String value, int attempt) {
    }
}
