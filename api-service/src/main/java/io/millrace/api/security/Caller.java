package io.millrace.api.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * Who calls the API and what they may do: a role, and the namespaces it applies in. An empty list of
 * namespace prefixes means every namespace; a prefix {@code team-a} covers {@code team-a} and every
 * namespace under it ({@code team-a.etl}), never {@code team-ab}.
 *
 * @param name       the user name, or {@code token:<name>} for an API token
 * @param role       the highest role configured for it
 * @param namespaces namespace prefixes it is restricted to; empty for all
 */
public record Caller(String name, Role role, List<String> namespaces) implements Principal {

    /** Whoever calls while security is off: admin everywhere. */
    public static final Caller UNRESTRICTED = new Caller("anonymous", Role.ADMIN, List.of());

    public Caller {
        namespaces = List.copyOf(namespaces);
    }

    @Override
    public String getName() {
        return name;
    }

    /** Whether every namespace is open to it. */
    public boolean unrestricted() {
        return namespaces.isEmpty();
    }

    /** Whether {@code namespace} is one of its namespaces. */
    public boolean sees(String namespace) {
        if (unrestricted()) {
            return true;
        }
        if (namespace == null) {
            return false;
        }
        for (String prefix : namespaces) {
            if (within(namespace, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** @throws AccessDenied when its role is below {@code needed} or {@code namespace} is not one of its namespaces */
    public void require(Role needed, String action, String namespace) {
        if (!role.includes(needed)) {
            throw AccessDenied.role(this, needed, action, namespace);
        }
        if (!sees(namespace)) {
            throw AccessDenied.namespace(this, action, namespace);
        }
    }

    /** @throws AccessDenied when its role is below {@code needed}, whatever the namespace */
    public void requireRole(Role needed, String action) {
        if (!role.includes(needed)) {
            throw AccessDenied.role(this, needed, action, null);
        }
    }

    /**
     * A configured user or token: its highest role (admin when none is configured, as before roles
     * existed) in the namespaces given.
     *
     * @throws IllegalArgumentException naming {@code where} for an unknown role or a bad namespace prefix
     */
    static Caller configured(String name, List<String> roles, List<String> namespaces, String where) {
        Role highest = roles.isEmpty() ? Role.ADMIN : Role.VIEWER;
        for (int i = 0; i < roles.size(); i++) {
            Role r = Role.parse(roles.get(i), where + ".roles[" + i + "]");
            highest = r.includes(highest) ? r : highest;
        }
        return new Caller(name, highest, prefixes(namespaces, where + ".namespaces"));
    }

    /** Whether {@code namespace} is {@code prefix} or a namespace under it. */
    static boolean within(String namespace, String prefix) {
        return namespace.equals(prefix) || namespace.startsWith(prefix + ".");
    }

    /**
     * The configured prefixes, checked: a trailing dot is dropped ({@code team-a.} means {@code team-a}).
     *
     * @throws IllegalArgumentException naming {@code where} for an empty prefix or one with a wildcard or a space
     */
    static List<String> prefixes(List<String> configured, String where) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String p = configured.get(i) == null ? "" : configured.get(i).trim();
            while (p.endsWith(".")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty() || !p.matches("[A-Za-z0-9_.-]+") || p.startsWith(".") || p.contains("..")) {
                throw new IllegalArgumentException(where + "[" + i + "] '" + configured.get(i)
                    + "' is not a namespace prefix (letters, digits, '_', '-' and '.' between names, such as team-a"
                    + " or prod.billing; no wildcard: a prefix covers the namespaces under it)");
            }
            prefixes.add(p);
        }
        return prefixes;
    }
}
