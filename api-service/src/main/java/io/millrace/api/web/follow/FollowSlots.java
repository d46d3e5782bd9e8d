package io.millrace.api.web.follow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many live follows each client holds, and at most how many it may: a pure count per client key,
 * with no knowledge of HTTP. A key is forgotten when its last slot is released.
 */
final class FollowSlots {

    private final int maxPerClient;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    FollowSlots(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot for {@code client}; false when it holds the most it may already. */
    boolean tryAcquire(String client) {
        boolean[] taken = {false};
        held.compute(client, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerClient) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    /** Gives back one slot of {@code client}; call it once per slot acquired. */
    void release(String client) {
        held.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** The slots {@code client} holds. */
    int held(String client) {
        return held.getOrDefault(client, 0);
    }

    int maxPerClient() {
        return maxPerClient;
    }
}
