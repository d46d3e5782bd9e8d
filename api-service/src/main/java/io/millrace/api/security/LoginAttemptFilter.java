package io.millrace.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Runs before basic authentication: a user name or client address with too many recent failures is
 * answered 429 with {@code Retry-After}, before its password is hashed; an attempt that does not end
 * authenticated as the user it named counts as a failure. Bearer tokens are not concerned (they are
 * random, not guessable, and cost a fast hash).
 */
final class LoginAttemptFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginAttemptFilter.class);
    private static final String BASIC = "basic ";

    private final LoginAttempts attempts;

    LoginAttemptFilter(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String user = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Duration wait = attempts.retryAfter(user, address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(("{\"message\":\"too many failed logins for this user or from this"
                + " address: retry in " + seconds + " s\",\"status\":429}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || !(auth.getPrincipal() instanceof ApiUser u)
            || !u.getUsername().equals(user)) {
            attempts.failed(user, address);
            LOG.info("failed basic-auth login of user '{}' from {}", printable(user), address);
        }
    }

    /** The user name of a basic-auth header, or null when the header is not one that can be decoded. */
    static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A user name fit for a log line: no control characters (no forged lines), no more than 64 characters. */
    private static String printable(String user) {
        String clean = user.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
