package io.millrace.tasks.scripts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a command starts from: the few variables a shell needs to work, copied from the
 * worker, and nothing else. The worker's own environment often holds credentials (cloud keys,
 * Kafka passwords) that a flow author must not be able to print.
 */
final class ProcessEnvironment {

    private ProcessEnvironment() {
    }

    /** PATH, HOME, LANG and TMPDIR as the worker has them, with sensible values where it has none. */
    static Map<String, String> minimal() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", System.getenv().getOrDefault("HOME", System.getProperty("user.home")));
        env.put("LANG", System.getenv().getOrDefault("LANG", "C.UTF-8"));
        env.put("TMPDIR", System.getenv().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir")));
        return env;
    }
}
