package io.millrace.api.security;

import io.millrace.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;

/**
 * The caller of the current request, for handlers whose namespaces come from the body or whose results
 * must keep to the caller's namespaces. With security off, everyone is {@link Caller#UNRESTRICTED}.
 */
public final class Access {

    private final boolean enabled;

    public Access(boolean enabled) {
        this.enabled = enabled;
    }

    /** Who calls. */
    public Caller caller() {
        if (!enabled) {
            return Caller.UNRESTRICTED;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Object principal = auth == null ? null : auth.getPrincipal();
        if (principal instanceof ApiUser user) {
            return user.caller();
        }
        if (principal instanceof Caller caller) {
            return caller;
        }
        // only open endpoints run unauthenticated, and they ask nothing of the caller
        throw new ApiException(HttpStatus.UNAUTHORIZED, "authentication required");
    }

    /** @throws AccessDenied unless the caller has {@code needed} in {@code namespace} */
    public void require(Role needed, String action, String namespace) {
        caller().require(needed, action, namespace);
    }

    /** The namespace prefixes a search keeps to; empty for all. */
    public List<String> namespaces() {
        return caller().namespaces();
    }

    /** Whether the caller sees {@code namespace}. */
    public boolean sees(String namespace) {
        return caller().sees(namespace);
    }
}
