package io.millrace.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Who may call the API ({@code millrace.security.*}); see {@code docs/configuration.md}. Only hashes
 * are configured: a password as a Spring Security encoded hash ({@code {bcrypt}…} or
 * {@code {pbkdf2}…}), a token as {@code sha256:<hex>} of its value. {@code millrace security
 * hash-password} and {@code millrace security new-token} make them.
 *
 * @param enabled whether every endpoint but health wants credentials
 * @param users   basic-auth users
 * @param tokens  bearer API tokens
 */
@ConfigurationProperties("millrace.security")
public record SecuritySettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue List<User> users,
    @DefaultValue List<Token> tokens
) {

    /** A basic-auth user: name and encoded password hash. */
    public record User(String username, String password) {
        @Override
        public String toString() {
            return "User[" + username + "]"; // never the hash
        }
    }

    /** A bearer token: a name for logs and audit, and the SHA-256 of its value. */
    public record Token(String name, String hash) {
        @Override
        public String toString() {
            return "Token[" + name + "]";
        }
    }
}
