package io.millrace.api.security;

import io.millrace.api.web.webhooks.WebhookController;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authentication of the API: when {@code millrace.security.enabled}, every endpoint but
 * {@code GET /api/v1/health} and the webhook URLs (whose key is their secret) wants a basic-auth user or a bearer token from configuration, and
 * answers 401 with a JSON error without them. Stateless: no session, no cookie; a browser still resends
 * cached basic-auth credentials, so cross-site writes are refused by {@link BrowserDefences}. Only hashes are configured; a plain-text password is refused at start. What each caller may
 * then do is its role's and namespaces' ({@link ApiPermissions}); failed basic-auth logins are limited
 * ({@link LoginAttemptFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecuritySettings.class)
@Import(ApiPermissions.class)
public class ApiSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(ApiSecurity.class);

    /** Password encodings accepted in configuration: slow, salted hashes Spring Security ships. */
    static final Set<String> PASSWORD_ENCODINGS = Set.of("bcrypt", "pbkdf2@SpringSecurity_v5_8", "pbkdf2");

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The configured users by name; each authentication gets a copy (Spring Security erases its password). */
    @Bean
    UserDetailsService apiUsers(SecuritySettings settings) {
        Map<String, ApiUser> users = new HashMap<>();
        List<SecuritySettings.User> configured = settings.users();
        for (int i = 0; i < configured.size(); i++) {
            SecuritySettings.User u = configured.get(i);
            String where = "millrace.security.users[" + i + "]";
            if (u.username() == null || u.username().isBlank()) {
                throw new IllegalArgumentException(where + ".username is missing");
            }
            String encoding = encoding(u.password());
            if (encoding == null || !PASSWORD_ENCODINGS.contains(encoding)) {
                throw new IllegalArgumentException(where + ".password (user '" + u.username()
                    + "') must be a hash such as {bcrypt}$2a$10$..., never the password itself"
                    + " (make one with: millrace security hash-password)");
            }
            Caller caller = Caller.configured(u.username(), u.roles(), u.namespaces(), where);
            if (users.put(u.username(), new ApiUser(u.username(), u.password(), caller)) != null) {
                throw new IllegalArgumentException(where + ".username '" + u.username() + "' is configured twice");
            }
        }
        return username -> {
            ApiUser u = users.get(username);
            if (u == null) {
                throw new UsernameNotFoundException("no such user");
            }
            return new ApiUser(u.getUsername(), u.getPassword(), u.caller());
        };
    }

    @Bean
    ApiTokens apiTokens(SecuritySettings settings) {
        return new ApiTokens(settings.tokens());
    }

    /**
     * The webhook URLs, open to anyone: the key in the URL is their secret (checked by the webhook
     * itself), and a caller such as GitHub has no Millrace credentials. No authentication mechanism
     * runs there, so a caller's own Authorization header is neither checked nor refused.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(WebhookController.PATHS)
            .csrf(c -> c.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(c -> c.disable())
            .formLogin(f -> f.disable())
            .logout(l -> l.disable())
            .authorizeHttpRequests(a -> a.anyRequest().permitAll())
            .build();
    }

    @Bean
    SecurityFilterChain apiFilterChain(HttpSecurity http, SecuritySettings settings, ApiTokens tokens,
                                       UserDetailsService users) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setStatus(401);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Millrace\", Bearer realm=\"Millrace\"");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(("{\"message\":\"authentication required: a user (basic auth) or an API"
                + " token (Authorization: Bearer)\",\"status\":401}").getBytes(StandardCharsets.UTF_8));
        };
        http.csrf(c -> c.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(c -> c.disable())
            .formLogin(f -> f.disable())
            .logout(l -> l.disable())
            .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized));
        if (!settings.enabled()) {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        if (settings.users().isEmpty() && tokens.isEmpty()) {
            throw new IllegalStateException("millrace.security.enabled is true but no millrace.security.users and no"
                + " millrace.security.tokens are configured: nobody could call the API. Configure one"
                + " (see docs/configuration.md) or set millrace.security.enabled=false on a trusted network.");
        }
        warnWithoutRoles(settings);
        SecuritySettings.LoginAttempts limit = settings.loginAttempts();
        http.userDetailsService(users)
            .httpBasic(b -> b.authenticationEntryPoint(unauthorized))
            .addFilterBefore(new BearerTokenFilter(tokens, unauthorized), BasicAuthenticationFilter.class)
            .addFilterBefore(new LoginAttemptFilter(new LoginAttempts(limit.maxFailures(), limit.window(),
                InstantSource.system())), BasicAuthenticationFilter.class)
            .authorizeHttpRequests(a -> a
                // the second dispatch of a follow stream or an error page: the request was checked already
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                .requestMatchers("/api/v1/health").permitAll()
                .anyRequest().authenticated());
        return http.build();
    }

    /** Users and tokens configured before roles existed keep every right; say so, once each, at start. */
    private static void warnWithoutRoles(SecuritySettings settings) {
        for (SecuritySettings.User u : settings.users()) {
            if (u.roles().isEmpty()) {
                LOG.warn("millrace.security: user '{}' has no roles, so it is admin{}; give it roles"
                    + " (viewer, operator, developer or admin)", u.username(), u.namespaces().isEmpty() ? " of every namespace" : "");
            }
        }
        for (SecuritySettings.Token t : settings.tokens()) {
            if (t.roles().isEmpty()) {
                LOG.warn("millrace.security: token '{}' has no roles, so it is admin{}; give it roles"
                    + " (viewer, operator, developer or admin)", t.name(), t.namespaces().isEmpty() ? " of every namespace" : "");
            }
        }
    }

    /** The id between braces a Spring Security encoded password starts with, or null. */
    static String encoding(String password) {
        if (password == null || !password.startsWith("{")) {
            return null;
        }
        int end = password.indexOf('}');
        return end < 0 ? null : password.substring(1, end);
    }
}
