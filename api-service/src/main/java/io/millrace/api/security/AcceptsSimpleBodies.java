package io.millrace.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method that takes the bodies a browser may send from any site without asking
 * first ({@code text/plain}, {@code application/x-www-form-urlencoded}, {@code multipart/form-data}):
 * file uploads and webhooks. {@link BrowserDefences} refuses such bodies with 415 everywhere else, so a
 * page of another site cannot smuggle a flow or a JSON command in a form post.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AcceptsSimpleBodies {

    /** Why this endpoint takes them (for the reader: an upload, a webhook caller that sends any type). */
    String value();
}
