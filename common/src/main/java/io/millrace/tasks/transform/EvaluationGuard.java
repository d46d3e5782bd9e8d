package io.millrace.tasks.transform;

import com.dashjoin.jsonata.Jsonata;

/**
 * Watches a JSONata evaluation from the library's entry and exit hooks: stops it when the thread
 * is interrupted (kill, timeout), since the evaluator never checks by itself, and when nesting
 * goes deeper than {@code maxDepth}. Depth is counted on every entry and exit alike; the
 * library's own {@code Timebox} skips some of them, so its count drifts with the input's size.
 */
final class EvaluationGuard {

    /** Thrown from a hook to abandon the evaluation. */
    static final class Stop extends RuntimeException {
        final boolean interrupted;

        Stop(String message, boolean interrupted) {
            super(message, null, false, false);
            this.interrupted = interrupted;
        }
    }

    private final Integer maxDepth;
    private int depth;

    /** @param maxDepth deepest nesting allowed, or null for no limit */
    EvaluationGuard(Integer maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** A frame for {@code expression.evaluate(input, frame)} with this guard's hooks bound. */
    Jsonata.Frame frame(Jsonata expression) {
        Jsonata.Frame frame = expression.createFrame();
        frame.setEvaluateEntryCallback((expr, input, environment) -> enter());
        frame.setEvaluateExitCallback((expr, input, environment, result) -> depth--);
        return frame;
    }

    private void enter() {
        if (Thread.currentThread().isInterrupted()) {
            throw new Stop("interrupted", true);
        }
        depth++;
        if (maxDepth != null && depth > maxDepth) {
            throw new Stop("the evaluation nested deeper than maxDepth " + maxDepth, false);
        }
    }
}
