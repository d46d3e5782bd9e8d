package io.millrace.api.security;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a user or API token may do, each role including everything the ones before it may: a viewer
 * reads, an operator also runs and steers executions and triggers, a developer also writes flows and
 * deletes executions, an admin also replaces whole namespaces and administers triggers.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    DEVELOPER,
    ADMIN;

    /** Whether this role includes everything {@code needed} may do. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role as configured and shown: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming {@code where} and the roles there are */
    static Role parse(String text, String where) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException(where + " '" + text + "' is not a role (one of "
            + Arrays.stream(values()).map(Role::label).toList() + ")");
    }
}
