package io.millrace.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Who may call the API ({@code millrace.security.*}); see {@code docs/configuration.md}. Only hashes
 * are configured: a password as a Spring Security encoded hash ({@code {bcrypt}…} or
 * {@code {pbkdf2}…}), a token as {@code sha256:<hex>} of its value. {@code millrace security
 * hash-password} and {@code millrace security new-token} make them.
 *
 * @param enabled       whether every endpoint but health wants credentials
 * @param users         basic-auth users
 * @param tokens        bearer API tokens
 * @param loginAttempts the limit of failed basic-auth attempts
 */
@ConfigurationProperties("millrace.security")
public record SecuritySettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue List<User> users,
    @DefaultValue List<Token> tokens,
    @DefaultValue LoginAttempts loginAttempts
) {

    /**
     * A basic-auth user: name, encoded password hash, roles and the namespace prefixes they apply in.
     *
     * @param roles      {@code admin}, {@code developer}, {@code operator} or {@code viewer}; the highest
     *                   counts. None: admin (as before roles existed), with a warning at start
     * @param namespaces namespace prefixes the roles apply in; none for every namespace
     */
    public record User(String username, String password, List<String> roles, List<String> namespaces) {
        public User {
            roles = roles == null ? List.of() : roles;
            namespaces = namespaces == null ? List.of() : namespaces;
        }

        @Override
        public String toString() {
            return "User[" + username + "]"; // never the hash
        }
    }

    /**
     * A bearer token: a name for logs and audit, the SHA-256 of its value, roles and namespace prefixes
     * (as a user's).
     */
    public record Token(String name, String hash, List<String> roles, List<String> namespaces) {
        @ConstructorBinding
        public Token {
            roles = roles == null ? List.of() : roles;
            namespaces = namespaces == null ? List.of() : namespaces;
        }

        /** A token with every right in every namespace, as before roles existed. */
        public Token(String name, String hash) {
            this(name, hash, List.of(), List.of());
        }

        @Override
        public String toString() {
            return "Token[" + name + "]";
        }
    }

    /**
     * How many failed basic-auth attempts a user name, and a client address, may make within
     * {@code window} before further attempts are answered 429 without checking the password.
     *
     * @param maxFailures failures allowed per user name and per client address within the window; 0 for no limit
     * @param window      how long a failure counts
     */
    public record LoginAttempts(@DefaultValue("10") int maxFailures, @DefaultValue("1m") Duration window) {
    }
}
