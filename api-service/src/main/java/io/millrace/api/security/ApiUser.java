package io.millrace.api.security;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

/** A basic-auth user as Spring Security sees it, carrying its role and namespaces. */
final class ApiUser extends User {

    private final Caller caller;

    ApiUser(String username, String passwordHash, Caller caller) {
        super(username, passwordHash, AuthorityUtils.createAuthorityList("ROLE_" + caller.role().name()));
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }
}
