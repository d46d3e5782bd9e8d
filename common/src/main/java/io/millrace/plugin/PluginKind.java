package io.millrace.plugin;

/** The families of pluggable types a flow can name in a {@code type:} property. */
public enum PluginKind {
    TASK,
    TRIGGER,
    CONDITION
}
