package io.millrace.api.security;

import io.millrace.api.web.ApiException;
import org.springframework.http.HttpStatus;

/** A request the caller's role or namespaces do not allow: a 403 saying what was refused and what it needs. */
public final class AccessDenied extends ApiException {

    private AccessDenied(String message) {
        super(HttpStatus.FORBIDDEN, message);
    }

    static AccessDenied role(Caller caller, Role needed, String action, String namespace) {
        return new AccessDenied("role " + caller.role().label() + " may not " + action
            + (namespace == null ? "" : " in namespace " + namespace) + " (needs " + needed.label() + ")");
    }

    static AccessDenied namespace(Caller caller, String action, String namespace) {
        return new AccessDenied(caller.name() + " may not " + action + " in namespace " + namespace
            + " (its namespaces: " + String.join(", ", caller.namespaces()) + ")");
    }

    /** Refused for a resource found by id, without naming the namespace it is in. */
    static AccessDenied outside(Caller caller, String action, String what) {
        return new AccessDenied(caller.name() + " may not " + action + ": " + what
            + " is outside its namespaces (" + String.join(", ", caller.namespaces()) + ")");
    }

    /** Refused for an endpoint of the api that declares no permission: only an unrestricted admin may call it. */
    static AccessDenied undeclared(Caller caller, String endpoint) {
        return new AccessDenied(caller.name() + " may not call " + endpoint
            + ": it declares no permission, so only an admin of every namespace may");
    }
}
