package io.millrace.model;

import java.util.Map;

/**
 * Default property values for every task, trigger or condition whose type starts with {@code type}.
 * Non-forced values fill what a task leaves out; forced values replace what it sets.
 */
public record PluginDefault(String type, Boolean forced, Map<String, Object> values) {

    public boolean isForced() {
        return Boolean.TRUE.equals(forced);
    }
}
