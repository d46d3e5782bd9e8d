package io.millrace.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents a property of a task, trigger or condition, and says whether it is required or templated. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Prop {
    /** What the property means, in one or two sentences. */
    String value();

    /** A flow that omits it is invalid. */
    boolean required() default false;

    /** Its strings are Pebble templates, rendered when the task runs. */
    boolean dynamic() default false;
}
