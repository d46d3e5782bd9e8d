package io.millrace.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.millrace.model.input.Input;
import io.millrace.model.retry.Retry;
import io.millrace.model.trigger.Trigger;
import io.millrace.plugin.Prop;
import io.millrace.serde.LabelsDeserializer;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.Task;
import io.millrace.serde.FieldBound;

import tools.jackson.databind.annotation.JsonDeserialize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow as its YAML declares it (the Kestra syntax): tasks, their error and finally
 * branches, inputs, outputs, triggers and policies. Parsed and validated by
 * {@link io.millrace.serde.FlowParser}; immutable once built.
 */
@FieldBound
public final class Flow {

    @Prop(value = "Identifier of the flow, unique within its namespace.", required = true)
    private String id;

    @Prop(value = "Dot-separated namespace the flow belongs to.", required = true)
    private String namespace;

    @Prop("Revision number, assigned by Millrace on each change.")
    private Integer revision;

    @Prop("Free text describing the flow.")
    private String description;

    @Prop("Labels copied to every execution (a map, or a list of key/value).")
    @JsonDeserialize(using = LabelsDeserializer.class)
    private List<Label> labels;

    @Prop("Typed parameters given when an execution starts.")
    private List<Input> inputs;

    @Prop("Values the flow exposes when an execution ends.")
    private List<FlowOutput> outputs;

    @Prop("Constants available to templates as {{ vars.name }}.")
    private Map<String, Object> variables;

    @Prop(value = "The tasks, run in order.", required = true)
    private List<Task> tasks;

    @Prop("Tasks run when a task of the flow fails.")
    private List<Task> errors;

    @Prop("Tasks run at the end, whatever the outcome.")
    @JsonProperty("finally")
    private List<Task> finallyTasks;

    @Prop("What starts executions on its own: schedules, webhooks, other flows.")
    private List<Trigger> triggers;

    @Prop("Limit on executions of this flow running at once.")
    private Concurrency concurrency;

    @Prop("Retry policy for failed executions of the flow.")
    private Retry retry;

    @Prop("Default property values per task type.")
    private List<PluginDefault> pluginDefaults;

    @Prop("Older name of pluginDefaults.")
    private List<PluginDefault> taskDefaults;

    @Prop("A disabled flow starts no execution.")
    private Boolean disabled;

    @Prop("Set by Millrace on deleted flows.")
    private Boolean deleted;

    @JsonIgnore
    private transient String source;

    @JsonIgnore
    private transient volatile Index index;

    /** For the YAML binder. */
    Flow() {
    }

    public String id() {
        return id;
    }

    public String namespace() {
        return namespace;
    }

    /** Revision, or 1 when not assigned yet. */
    public int revision() {
        return revision == null ? 1 : revision;
    }

    public String description() {
        return description;
    }

    public List<Label> labels() {
        return labels == null ? List.of() : labels;
    }

    public List<Input> inputs() {
        return inputs == null ? List.of() : inputs;
    }

    public List<FlowOutput> outputs() {
        return outputs == null ? List.of() : outputs;
    }

    public Map<String, Object> variables() {
        return variables == null ? Map.of() : variables;
    }

    public List<Task> tasks() {
        return tasks == null ? List.of() : tasks;
    }

    public List<Task> errors() {
        return errors == null ? List.of() : errors;
    }

    public List<Task> finallyTasks() {
        return finallyTasks == null ? List.of() : finallyTasks;
    }

    public List<Trigger> triggers() {
        return triggers == null ? List.of() : triggers;
    }

    public Concurrency concurrency() {
        return concurrency;
    }

    public Retry retry() {
        return retry;
    }

    /** pluginDefaults followed by the older taskDefaults. */
    public List<PluginDefault> pluginDefaults() {
        List<PluginDefault> all = new ArrayList<>();
        if (pluginDefaults != null) {
            all.addAll(pluginDefaults);
        }
        if (taskDefaults != null) {
            all.addAll(taskDefaults);
        }
        return all;
    }

    public boolean isDisabled() {
        return Boolean.TRUE.equals(disabled);
    }

    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    /** The YAML this flow was parsed from, as the user wrote it (null when built otherwise). */
    public String source() {
        return source;
    }

    /** This flow remembering the YAML it came from. */
    public Flow withSource(String yaml) {
        Flow copy = copy();
        copy.source = yaml;
        return copy;
    }

    /** {@code namespace/id}, the way users and logs name a flow. */
    public String ref() {
        return namespace + "/" + id;
    }

    /** This flow with another revision number (the api assigns revisions). */
    public Flow withRevision(int newRevision) {
        Flow copy = copy();
        copy.revision = newRevision;
        return copy;
    }

    /** The task with this id anywhere in the flow (tasks, branches, errors, finally), or null. */
    public Task task(String taskId) {
        return index().byId.get(taskId);
    }

    /** The flowable task that declares {@code taskId}, or null for a top-level task. */
    public Task parentOf(String taskId) {
        return index().parentById.get(taskId);
    }

    /** Every task of the flow, depth first. */
    public List<Task> allTasks() {
        return index().all;
    }

    private Flow copy() {
        Flow f = new Flow();
        f.id = id;
        f.namespace = namespace;
        f.revision = revision;
        f.description = description;
        f.labels = labels;
        f.inputs = inputs;
        f.outputs = outputs;
        f.variables = variables;
        f.tasks = tasks;
        f.errors = errors;
        f.finallyTasks = finallyTasks;
        f.triggers = triggers;
        f.concurrency = concurrency;
        f.retry = retry;
        f.pluginDefaults = pluginDefaults;
        f.taskDefaults = taskDefaults;
        f.disabled = disabled;
        f.deleted = deleted;
        f.source = source;
        return f;
    }

    private Index index() {
        Index i = index;
        if (i == null) {
            i = new Index(this);
            index = i;
        }
        return i;
    }

    /** Lookup tables over the task tree, built once. */
    private static final class Index {
        final Map<String, Task> byId = new HashMap<>();
        final Map<String, Task> parentById = new HashMap<>();
        final List<Task> all = new ArrayList<>();

        Index(Flow flow) {
            walk(flow.tasks(), null);
            walk(flow.errors(), null);
            walk(flow.finallyTasks(), null);
        }

        private void walk(List<Task> list, Task parent) {
            for (Task t : list) {
                if (t == null) {
                    continue;
                }
                all.add(t);
                byId.putIfAbsent(t.id(), t);
                if (parent != null) {
                    parentById.putIfAbsent(t.id(), parent);
                }
                if (t instanceof FlowableTask f) {
                    walk(f.allChildTasks(), t);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Flow[" + ref() + " rev " + revision() + "]";
    }
}
