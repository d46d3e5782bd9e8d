package io.millrace.model;

import io.millrace.plugin.Prop;
import java.util.Map;

/**
 * Default property values for every task, trigger or condition whose type starts with {@code type}.
 * Non-forced values fill what a task leaves out; forced values replace what it sets.
 */
public record PluginDefault(
    @Prop(value = "Type (or a type prefix, like a package) the defaults apply to.", required = true) String type,
    @Prop("Replace what tasks set, not only fill what they leave out.") Boolean forced,
    @Prop("The property values.") Map<String, Object> values
) {

    public boolean isForced() {
        return Boolean.TRUE.equals(forced);
    }
}
