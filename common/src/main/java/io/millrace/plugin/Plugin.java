package io.millrace.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a task, trigger or condition type: its Millrace type id, the Kestra names it also
 * answers to, and the documentation shown in {@code docs/tasks.md} and the JSON Schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Plugin {
    /** The canonical type id, e.g. {@code io.millrace.core.flow.Parallel}. */
    String id();

    /** Other type ids accepted for this type (Kestra's current and older names). */
    String[] aliases() default {};

    /** One line saying what the type does. */
    String title();

    /** A short YAML example of the type in use (a task, trigger or condition entry). */
    String example();
}
