package io.millrace.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint anyone may call, without credentials (health, and the webhook URL whose key is its
 * secret). {@link ApiSecurity} opens its path; this marks the handler so the permission check skips it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OpenEndpoint {

    /** Why it needs no credentials. */
    String value();
}
