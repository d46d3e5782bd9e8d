package io.millrace.model.input;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when values given for a flow's inputs, or a flow's outputs, do not fit their declaration. */
public final class InputException extends RuntimeException {

    private final List<InputProblem> problems;

    public InputException(List<InputProblem> problems) {
        super(problems.stream().map(InputProblem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InputException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of the declaration, so a user can fix them all at once. */
    public List<InputProblem> problems() {
        return problems;
    }
}
