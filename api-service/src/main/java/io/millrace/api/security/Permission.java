package io.millrace.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an endpoint needs: a role, and where the namespace it touches comes from. Every endpoint of the
 * api declares one (or {@link OpenEndpoint}); {@link PermissionInterceptor} checks it before the handler
 * runs, and a test fails on an endpoint without.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Permission {

    /** The lowest role allowed. */
    Role value();

    /** What the endpoint does, as a refusal says it: "create flows", "kill executions". */
    String action();

    /** Where the namespace the endpoint touches comes from. */
    Scope scope();

    /** Where an endpoint's namespace comes from. */
    enum Scope {
        /** No namespace: the endpoint reads or checks nothing of one (plugins, validation). */
        NONE,
        /** The {@code {namespace}} path variable. */
        PATH,
        /** The namespace of the execution named by the {@code {executionId}} path variable. */
        EXECUTION,
        /** The request body names it: the handler checks each namespace with {@link Access#require}. */
        BODY,
        /** A search or bulk action: the handler keeps to the caller's namespaces ({@link Access#caller()}). */
        RESULTS
    }
}
