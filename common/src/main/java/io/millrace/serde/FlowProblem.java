package io.millrace.serde;

/**
 * One thing wrong with a flow's YAML, where the user wrote it.
 *
 * @param line    1-based line of the offending key or value
 * @param column  1-based column of the offending key or value
 * @param path    where in the flow, e.g. {@code tasks[2].retry.interval}; empty for the document itself
 * @param message what is wrong, in words a flow author understands
 */
public record FlowProblem(int line, int column, String path, String message) {

    /** {@code line:column: path: message}, the path left out when empty. */
    @Override
    public String toString() {
        return line + ":" + column + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + message;
    }
}
