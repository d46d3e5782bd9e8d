package io.millrace.model.input;

/**
 * One thing wrong with the value given for an input (or a flow output).
 *
 * @param inputId the id of the input concerned, as declared or as given when it is not declared
 * @param message a sentence for the end user that names the input, e.g.
 *                {@code input 'count': 'abc' is not an integer}
 */
public record InputProblem(String inputId, String message) {
}
