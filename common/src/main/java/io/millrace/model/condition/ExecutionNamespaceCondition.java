package io.millrace.model.condition;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

/** Holds when the ending execution's namespace equals (or, with {@code prefix}, starts with) {@code namespace}. */
@Plugin(id = "io.millrace.core.condition.ExecutionNamespace",
    aliases = {"io.kestra.plugin.core.condition.ExecutionNamespace",
        "io.kestra.plugin.core.condition.ExecutionNamespaceCondition",
        "io.kestra.core.models.conditions.types.ExecutionNamespaceCondition"},
    title = "Match the namespace of the execution that triggers.",
    example = """
        type: io.millrace.core.condition.ExecutionNamespace
        namespace: company
        prefix: true
        """)
public final class ExecutionNamespaceCondition extends Condition {

    /** How the namespace is compared. */
    public enum Comparison { EQUALS, PREFIX, SUFFIX }

    @Prop(value = "The namespace to compare with.", required = true)
    private String namespace;

    @Prop("Match sub-namespaces too (same as comparison: PREFIX).")
    private Boolean prefix;

    @Prop("EQUALS (default), PREFIX or SUFFIX.")
    private Comparison comparison;

    public String namespace() {
        return namespace;
    }

    /** The comparison, taking the older {@code prefix} flag into account. */
    public Comparison effectiveComparison() {
        if (comparison != null) {
            return comparison;
        }
        return Boolean.TRUE.equals(prefix) ? Comparison.PREFIX : Comparison.EQUALS;
    }
}
