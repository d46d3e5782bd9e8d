package io.millrace.api.security;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The failed basic-auth attempts of each user name and each client address within a sliding window.
 * Once either has {@code maxFailures} in the window, further attempts wait until the oldest failure
 * leaves it; they are refused before any password hash is computed, so a slow hash cannot be turned
 * against the server. Successful logins are not counted.
 */
final class LoginAttempts {

    /** A user name longer than this is counted by its beginning: a caller cannot grow the table by sending huge names. */
    static final int MAX_NAME = 256;
    /** How many failures pass between two sweeps of the entries whose failures have all expired. */
    private static final int SWEEP_EVERY = 1024;

    private final int maxFailures;
    private final Duration window;
    private final InstantSource clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private int sinceSweep;

    LoginAttempts(int maxFailures, Duration window, InstantSource clock) {
        if (maxFailures < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("millrace.security.login-attempts: max-failures must be 0 or more"
                + " and window positive (got " + maxFailures + " and " + window + ")");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long an attempt for {@code user} from {@code address} must wait; zero when it may go ahead. */
    synchronized Duration retryAfter(String user, String address) {
        if (maxFailures == 0) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Duration byUser = wait(userKey(user), now);
        Duration byAddress = wait(addressKey(address), now);
        return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
    }

    /** Counts a failed attempt for {@code user} from {@code address}. */
    synchronized void failed(String user, String address) {
        if (maxFailures == 0) {
            return;
        }
        Instant now = clock.instant();
        record(userKey(user), now);
        record(addressKey(address), now);
        if (++sinceSweep >= SWEEP_EVERY) {
            sinceSweep = 0;
            for (Iterator<Deque<Instant>> it = failures.values().iterator(); it.hasNext(); ) {
                Deque<Instant> times = it.next();
                expire(times, now);
                if (times.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    private Duration wait(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        expire(times, now);
        if (times.size() < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.between(now, times.peekFirst().plus(window));
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        expire(times, now);
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst(); // only the newest maxFailures matter
        }
    }

    private void expire(Deque<Instant> times, Instant now) {
        Instant oldest = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
    }

    private static String userKey(String user) {
        return "user:" + (user.length() > MAX_NAME ? user.substring(0, MAX_NAME) : user);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
