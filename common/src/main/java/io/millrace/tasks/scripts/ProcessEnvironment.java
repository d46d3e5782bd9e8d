package io.millrace.tasks.scripts;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a command starts from: the few variables a shell needs to work, and nothing else
 * from the worker. The worker's own environment often holds credentials (cloud keys, Kafka passwords)
 * that a flow author must not be able to print.
 */
final class ProcessEnvironment {

    private ProcessEnvironment() {
    }

    /**
     * PATH and LANG (also as LC_ALL) as the worker has them, with sensible values where it has none;
     * HOME and TMPDIR are the attempt's working directory, so that nothing a command writes lands
     * outside it by default.
     */
    static Map<String, String> minimal(Path workDir) {
        Map<String, String> env = new LinkedHashMap<>();
        String lang = System.getenv().getOrDefault("LANG", "C.UTF-8");
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", workDir.toString());
        env.put("LANG", lang);
        env.put("LC_ALL", lang);
        env.put("TMPDIR", workDir.toString());
        return env;
    }
}
