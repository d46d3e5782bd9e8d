package io.millrace.tasks;

/** A child a flowable wants created: which task, for which iteration value and WaitFor iteration. */
public record NextTaskRun(Task task, String value, Integer iteration) {

    public static NextTaskRun of(Task task, String value) {
        return new NextTaskRun(task, value, null);
    }
}
