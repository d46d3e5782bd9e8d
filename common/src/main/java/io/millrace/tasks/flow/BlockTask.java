package io.millrace.tasks.flow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.Task;

import java.util.ArrayList;
import java.util.List;

/** A flowable task with its own {@code errors} and {@code finally} branches, as every core flowable but Subflow has. */
public abstract class BlockTask extends Task implements FlowableTask {

    @Prop("Tasks run when one of the tasks fails.")
    protected List<Task> errors;

    @Prop("Tasks run at the end, whatever the outcome.")
    @JsonProperty("finally")
    protected List<Task> finallyTasks;

    /** The tasks of the flowable's own branches (not errors or finally). */
    protected abstract List<Task> mainTasks();

    @Override
    public final List<Task> errorBranch() {
        return errors == null ? List.of() : errors;
    }

    @Override
    public final List<Task> finallyBranch() {
        return finallyTasks == null ? List.of() : finallyTasks;
    }

    @Override
    public final List<Task> allChildTasks() {
        List<Task> all = new ArrayList<>(mainTasks());
        all.addAll(errorBranch());
        all.addAll(finallyBranch());
        return all;
    }
}
