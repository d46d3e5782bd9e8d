package io.millrace.runtime;

import io.millrace.storage.InternalStorage;

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
 * @param storage  internal storage, where tasks read {@code millrace:///} files; null when there is none
 */
public record RunnerSettings(String workerId, Map<String, String> envs, Path workRoot, Clock clock,
                             InternalStorage storage) {

    public RunnerSettings {
        envs = envs == null ? Map.of() : Map.copyOf(envs);
    }

    /** Settings without internal storage. */
    public RunnerSettings(String workerId, Map<String, String> envs, Path workRoot, Clock clock) {
        this(workerId, envs, workRoot, clock, null);
    }

    /** Defaults for one process: no envs, working directories under the system temp directory. */
    public static RunnerSettings local(String workerId) {
        return new RunnerSettings(workerId, Map.of(), Path.of(System.getProperty("java.io.tmpdir"), "millrace-work"),
            Clock.systemUTC());
    }
}
