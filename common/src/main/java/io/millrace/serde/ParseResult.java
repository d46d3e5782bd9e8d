package io.millrace.serde;

import io.millrace.model.Flow;

import java.util.List;

/**
 * What {@link FlowParser#validate(String)} found: the flow when the YAML is valid, otherwise every
 * problem (and no flow).
 */
public record ParseResult(Flow flow, List<FlowProblem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
    }

    /** Whether the YAML is a valid flow. */
    public boolean isValid() {
        return problems.isEmpty();
    }
}
