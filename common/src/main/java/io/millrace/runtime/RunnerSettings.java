package io.millrace.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Worker-local settings of task execution.
 *
 * @param workerId identifies the worker in task-run attempts
 * @param envs     the environment variables exposed to templates as {@code envs.name} (an allow-list,
 *                 never the whole process environment)
 * @param workRoot where per-attempt working directories are created
 */
public record RunnerSettings(String workerId, Map<String, String> envs, Path workRoot, Clock clock) {

    public RunnerSettings {
        envs = envs == null ? Map.of() : Map.copyOf(envs);
    }

    /** Defaults for one process: no envs, working directories under the system temp directory. */
    public static RunnerSettings local(String workerId) {
        return new RunnerSettings(workerId, Map.of(), Path.of(System.getProperty("java.io.tmpdir"), "millrace-work"),
            Clock.systemUTC());
    }
}
