package io.millrace.plugin;

import java.util.List;

/**
 * Adds plugin types to the catalogue. Implementations are found with {@link java.util.ServiceLoader},
 * so a jar on the classpath can bring its own tasks, triggers and conditions.
 */
public interface PluginProvider {

    /** Classes annotated with {@link Plugin}, extending Task, Trigger or Condition. */
    List<Class<?>> plugins();
}
