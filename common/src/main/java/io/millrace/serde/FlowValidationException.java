package io.millrace.serde;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link FlowParser#parse(String)} when a flow's YAML has problems; it holds all of them. */
public final class FlowValidationException extends RuntimeException {

    private final List<FlowProblem> problems;

    public FlowValidationException(List<FlowProblem> problems) {
        super(problems.stream().map(FlowProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order they appear in the file. */
    public List<FlowProblem> problems() {
        return problems;
    }
}
