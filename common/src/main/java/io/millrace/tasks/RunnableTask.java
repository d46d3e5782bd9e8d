package io.millrace.tasks;

/**
 * A task a worker runs. {@link #run} may block (it runs on its own virtual thread) and must stop
 * promptly when interrupted: timeouts and kills interrupt it.
 */
public interface RunnableTask {

    /**
     * Runs one attempt.
     *
     * @return the outputs; throwing fails the attempt, with the exception's message as the error
     */
    TaskOutcome run(RunContext context) throws Exception;
}
